<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>ChartFormat</name>
    <message>
        <source>B</source>
        <translation> млрд</translation>
    </message>
    <message>
        <source>M</source>
        <translation> млн</translation>
    </message>
    <message>
        <source>K</source>
        <translation> тыс</translation>
    </message>
</context>
<context>
    <name>ChartHeader</name>
    <message>
        <source>1m</source>
        <extracomment>(code, display text) of the intervals offered, in order; ``intervalChanged`` emits the code</extracomment>
        <translation>1м</translation>
    </message>
    <message>
        <source>5m</source>
        <translation>5м</translation>
    </message>
    <message>
        <source>10m</source>
        <translation>10м</translation>
    </message>
    <message>
        <source>15m</source>
        <translation>15м</translation>
    </message>
    <message>
        <source>30m</source>
        <translation>30м</translation>
    </message>
    <message>
        <source>1h</source>
        <translation>1ч</translation>
    </message>
    <message>
        <source>2h</source>
        <translation>2ч</translation>
    </message>
    <message>
        <source>4h</source>
        <translation>4ч</translation>
    </message>
    <message>
        <source>D</source>
        <translation>Д</translation>
    </message>
    <message>
        <source>W</source>
        <translation>Н</translation>
    </message>
    <message>
        <source>M</source>
        <translation>М</translation>
    </message>
    <message>
        <source>Bar interval</source>
        <translation>Интервал баров</translation>
    </message>
    <message>
        <source>Loading bars…</source>
        <translation>Загрузка баров…</translation>
    </message>
</context>
<context>
    <name>ChartWidget</name>
    <message>
        <source>{time}   O {open}  H {high}  L {low}  C {close}  V {volume}  {change}</source>
        <extracomment>older bars wanted: the time of the oldest loaded bar (epoch s); once until prepend_bars/exhausted the user dragged a working order&apos;s line: (order_id, new price snapped to the tick)</extracomment>
        <translation>{time}   О {open}  Макс {high}  Мин {low}  З {close}  Об {volume}  {change}</translation>
    </message>
</context>
<context>
    <name>ConnectionIndicator</name>
    <message>
        <source>{name} {ms} ms</source>
        <translation>{name} {ms} мс</translation>
    </message>
    <message>
        <source>{name}: {state}</source>
        <translation>{name}: {state}</translation>
    </message>
    <message>
        <source>Last round trip: {ms:.0f} ms</source>
        <translation>Последний отклик: {ms:.0f} мс</translation>
    </message>
</context>
<context>
    <name>ConnectionProbe</name>
    <message>
        <source>answered HTTP {status}</source>
        <translation>ответ HTTP {status}</translation>
    </message>
    <message>
        <source>answered slowly (HTTP {status})</source>
        <translation>медленный ответ (HTTP {status})</translation>
    </message>
</context>
<context>
    <name>ConnectionState</name>
    <message>
        <source>disconnected</source>
        <translation>отключено</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>подключение</translation>
    </message>
    <message>
        <source>degraded</source>
        <translation>с перебоями</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>подключено</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>нет связи</translation>
    </message>
</context>
<context>
    <name>CredentialStore</name>
    <message>
        <source>No system keyring is available (headless Linux?); passwords will not be remembered.</source>
        <translation>Системное хранилище паролей недоступно (Linux без графической среды?); пароли не будут сохранены.</translation>
    </message>
</context>
<context>
    <name>DecimalInput</name>
    <message>
        <source>Must be at least {minimum}</source>
        <translation>Не меньше {minimum}</translation>
    </message>
    <message>
        <source>Must be at most {maximum}</source>
        <translation>Не больше {maximum}</translation>
    </message>
    <message>
        <source>Must be a multiple of {step}</source>
        <translation>Должно быть кратно {step}</translation>
    </message>
</context>
<context>
    <name>ErrorHooks</name>
    <message>
        <source>Unexpected error: {error}. Details are in the Journal.</source>
        <translation>Непредвиденная ошибка: {error}. Подробности — в журнале.</translation>
    </message>
    <message>
        <source>Tessera</source>
        <translation>Tessera</translation>
    </message>
</context>
<context>
    <name>JournalModel</name>
    <message>
        <source>Debug</source>
        <translation>Отладка</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Инфо</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Внимание</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Ошибка</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Критично</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Уровень</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Источник</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Сообщение</translation>
    </message>
</context>
<context>
    <name>JournalPanel</name>
    <message>
        <source>Level</source>
        <translation>Уровень</translation>
    </message>
    <message>
        <source>Debug</source>
        <translation>Отладка</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Инфо</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Внимание</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Ошибка</translation>
    </message>
    <message>
        <source>Filter text…</source>
        <translation>Фильтр по тексту…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Очистить</translation>
    </message>
    <message>
        <source>Remove every record from the journal</source>
        <translation>Удалить все записи из журнала</translation>
    </message>
    <message>
        <source>{count} records</source>
        <translation>записей: {count}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Nothing to undo in the layout.</source>
        <translation>В раскладке нечего отменять.</translation>
    </message>
    <message>
        <source>Layout “{name}” saved.</source>
        <translation>Раскладка «{name}» сохранена.</translation>
    </message>
    <message>
        <source>Save layout as</source>
        <translation>Сохранить раскладку как</translation>
    </message>
    <message>
        <source>Layout name (an existing name is replaced):</source>
        <translation>Название раскладки (раскладка с таким же названием будет заменена):</translation>
    </message>
    <message>
        <source>Only the current layout exists; there is nothing to delete.</source>
        <translation>Есть только текущая раскладка — удалять нечего.</translation>
    </message>
    <message>
        <source>Delete layout</source>
        <translation>Удалить раскладку</translation>
    </message>
    <message>
        <source>Layout to delete:</source>
        <translation>Какую раскладку удалить:</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <source>&amp;Window</source>
        <translation>&amp;Окно</translation>
    </message>
    <message>
        <source>&amp;Save layout as…</source>
        <translation>&amp;Сохранить раскладку как…</translation>
    </message>
    <message>
        <source>S&amp;witch layout</source>
        <translation>&amp;Переключить раскладку</translation>
    </message>
    <message>
        <source>&amp;Delete layout…</source>
        <translation>&amp;Удалить раскладку…</translation>
    </message>
    <message>
        <source>&amp;Reset to default layout</source>
        <translation>С&amp;бросить к раскладке по умолчанию</translation>
    </message>
    <message>
        <source>&amp;Undo layout change</source>
        <translation>&amp;Отменить изменение раскладки</translation>
    </message>
    <message>
        <source>&amp;Lock layout</source>
        <translation>&amp;Закрепить раскладку</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Тема</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Тёмная</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Светлая</translation>
    </message>
    <message>
        <source>Lan&amp;guage</source>
        <translation>&amp;Язык</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>Русский</source>
        <translation>Русский</translation>
    </message>
    <message>
        <source>The language will change when Tessera is restarted.</source>
        <translation>Язык сменится после перезапуска Tessera.</translation>
    </message>
</context>
<context>
    <name>Panels</name>
    <message>
        <source>Journal</source>
        <translation>Журнал</translation>
    </message>
</context>
<context>
    <name>ProfileStore</name>
    <message>
        <source>Your profile file was damaged and has been set aside as {file}.</source>
        <translation>Файл профиля повреждён и отложен под именем {file}.</translation>
    </message>
    <message>
        <source>The last good copy of your profile has been restored.</source>
        <translation>Восстановлена последняя исправная копия профиля.</translation>
    </message>
    <message>
        <source>Default settings are used.</source>
        <translation>Используются настройки по умолчанию.</translation>
    </message>
    <message>
        <source>Your profile was written by a newer Tessera; the settings it added are kept.</source>
        <translation>Профиль записан более новой версией Tessera; добавленные ею настройки сохранены.</translation>
    </message>
</context>
<context>
    <name>Sessions</name>
    <message>
        <source>{venue} ended the session: please log in again.</source>
        <translation>{venue} завершил сеанс: войдите снова.</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <source>Could not save your profile: {error}</source>
        <translation>Не удалось сохранить профиль: {error}</translation>
    </message>
    <message>
        <source>Tessera — {profile}</source>
        <translation>Tessera — {profile}</translation>
    </message>
    <message>
        <source>(demo simulator)</source>
        <translation>(демо-симулятор)</translation>
    </message>
    <message>
        <source>There is no layout named “{name}”.</source>
        <translation>Раскладки «{name}» нет.</translation>
    </message>
    <message>
        <source>The layout “{name}” could not be restored.</source>
        <translation>Не удалось восстановить раскладку «{name}».</translation>
    </message>
    <message>
        <source>Layout “{name}” deleted.</source>
        <translation>Раскладка «{name}» удалена.</translation>
    </message>
</context>
<context>
    <name>Toast</name>
    <message>
        <source>Dismiss</source>
        <translation>Закрыть</translation>
    </message>
</context>
<context>
    <name>UtcClock</name>
    <message>
        <source>{time} UTC</source>
        <translation>{time} UTC</translation>
    </message>
    <message>
        <source>Coordinated Universal Time, {date}</source>
        <translation>Всемирное координированное время, {date}</translation>
    </message>
</context>
</TS>
