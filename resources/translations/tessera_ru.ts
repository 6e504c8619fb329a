<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name></name>
    <message>
        <source>Strategy</source>
        <translation>Стратегия</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>The strategy&apos;s name at the venue</source>
        <translation>Название стратегии на площадке</translation>
    </message>
    <message>
        <source>{symbol} on {exchange}</source>
        <translation>{symbol} на {exchange}</translation>
    </message>
    <message>
        <source>Entry {number}</source>
        <translation>Запись {number}</translation>
    </message>
    <message>
        <source>s</source>
        <translation>с</translation>
    </message>
    <message>
        <source>not connected to coin-weight</source>
        <translation>нет подключения к coin-weight</translation>
    </message>
    <message>
        <source>The exchange did not save {instrument} in slot {position}: {reason}</source>
        <translation>Биржа не сохранила {instrument} в слоте {position}: {reason}</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>Логин</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>Домен</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Пароль</translation>
    </message>
    <message>
        <source>Log in to coin-weight to trade</source>
        <translation>Войдите в coin-weight, чтобы торговать</translation>
    </message>
    <message>
        <source>The order was rejected</source>
        <translation>Заявка отклонена</translation>
    </message>
    <message>
        <source>Not connected to {venue}</source>
        <translation>Нет подключения к {venue}</translation>
    </message>
    <message>
        <source>No order book for {instrument}</source>
        <translation>Нет стакана для {instrument}</translation>
    </message>
    <message>
        <source>No data ({error}); retrying…</source>
        <translation>Нет данных ({error}); повторяем…</translation>
    </message>
    <message>
        <source>The book is not available: {error}</source>
        <translation>Стакан недоступен: {error}</translation>
    </message>
    <message>
        <source>Link the panel to a colour to send the price to an order ticket</source>
        <translation>Свяжите панель цветом, чтобы передавать цену в панель «Заявка»</translation>
    </message>
    <message>
        <source>One-click trading is on: a click in Bid/Ask sends an order.</source>
        <translation>Торговля в один клик включена: щелчок по Bid/Ask отправляет заявку.</translation>
    </message>
    <message>
        <source>Log in to a venue to trade</source>
        <extracomment>the outcome line&apos;s colour for an order the store tells about (rejections keep the venue&apos;s own words)</extracomment>
        <translation>Войдите на площадку, чтобы торговать</translation>
    </message>
    <message>
        <source>{symbol} is not traded on {market}</source>
        <translation>{symbol} не торгуется на {market}</translation>
    </message>
    <message>
        <source>Log in to {venue} to trade {symbol}</source>
        <translation>Войдите в {venue}, чтобы торговать {symbol}</translation>
    </message>
    <message>
        <source>Not enough {asset}: the order needs {needed}, {available} available</source>
        <translation>Недостаточно {asset}: для заявки нужно {needed}, доступно {available}</translation>
    </message>
    <message>
        <source>The balance is not known yet</source>
        <translation>Баланс пока неизвестен</translation>
    </message>
    <message>
        <source>Enter a price first</source>
        <translation>Сначала введите цену</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Отправка…</translation>
    </message>
    <message>
        <source>Unknown — checking with the venue…</source>
        <translation>Неизвестно — уточняем у площадки…</translation>
    </message>
    <message>
        <source>The order is no longer active</source>
        <translation>Заявка уже не активна</translation>
    </message>
    <message>
        <source>The order is still being sent: wait for the venue&apos;s answer</source>
        <translation>Заявка ещё отправляется: дождитесь ответа площадки</translation>
    </message>
    <message>
        <source>coin-weight changes only orders with nothing filled yet: cancel it and place a new one</source>
        <translation>coin-weight изменяет только неисполненные заявки: снимите её и выставьте новую</translation>
    </message>
    <message>
        <source>Nothing to cancel: wait for the venue&apos;s answer first</source>
        <translation>Нечего снимать: сначала дождитесь ответа площадки</translation>
    </message>
    <message>
        <source>Cancel orders</source>
        <translation>Снять заявки</translation>
    </message>
    <message>
        <source>Cancel these orders?
{orders}</source>
        <translation>Снять эти заявки?
{orders}</translation>
    </message>
    <message>
        <source>Canceling…</source>
        <translation>Снятие…</translation>
    </message>
    <message>
        <source>Cancel failed</source>
        <translation>Снять не удалось</translation>
    </message>
    <message numerus="yes">
        <source>The venue took the cancel of %n order(s)</source>
        <translation>
            <numerusform>Площадка приняла снятие %n заявки</numerusform>
            <numerusform>Площадка приняла снятие %n заявок</numerusform>
            <numerusform>Площадка приняла снятие %n заявок</numerusform>
        </translation>
    </message>
    <message>
        <source>price</source>
        <translation>цену</translation>
    </message>
    <message>
        <source>stop price</source>
        <translation>стоп-цену</translation>
    </message>
    <message>
        <source>quantity</source>
        <translation>количество</translation>
    </message>
    <message>
        <source>Change the {what} of {order} from {old} to {new}?</source>
        <translation>Изменить {what} заявки {order} с {old} на {new}?</translation>
    </message>
    <message>
        <source>Change order</source>
        <translation>Изменить заявку</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Изменить</translation>
    </message>
    <message>
        <source>Changing…</source>
        <translation>Изменение…</translation>
    </message>
    <message>
        <source>the venue did not answer</source>
        <translation>площадка не ответила</translation>
    </message>
    <message>
        <source>Not changed: {reason}</source>
        <translation>Не изменено: {reason}</translation>
    </message>
    <message>
        <source>Changed: {order}</source>
        <translation>Изменено: {order}</translation>
    </message>
    <message>
        <source>Not connected to any venue</source>
        <translation>Нет подключения ни к одной площадке</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>нет подключения</translation>
    </message>
    <message>
        <source>{venue}: canceling all on {markets}</source>
        <translation>{venue}: снятие всех заявок на {markets}</translation>
    </message>
    <message numerus="yes">
        <source>{venue}: %n cancel(s) taken</source>
        <translation>
            <numerusform>{venue}: принято %n снятие</numerusform>
            <numerusform>{venue}: принято %n снятия</numerusform>
            <numerusform>{venue}: принято %n снятий</numerusform>
        </translation>
    </message>
    <message>
        <source>Active orders on the strategy&apos;s symbols (on its exchanges) not placed from this terminal&apos;s order ticket: the venue does not say which strategy placed an order</source>
        <translation>Активные заявки по инструментам стратегии (на её биржах), выставленные не из панели «Заявка» этого терминала: площадка не сообщает, какая стратегия выставила заявку</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Orders on symbol</source>
        <translation>Заявки по инструменту</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>Инструмент</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>Биржа</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <source>The venue has not confirmed the change of “{name}”: it reports {state}.</source>
        <translation>Площадка не подтвердила изменение «{name}»: состояние — {state}.</translation>
    </message>
    <message>
        <source>The strategy is no longer at the venue.</source>
        <translation>Стратегии больше нет на площадке.</translation>
    </message>
    <message>
        <source>Strategies: {count} · running: {running}</source>
        <translation>Стратегий: {count} · запущено: {running}</translation>
    </message>
    <message>
        <source>Could not load the templates: {reason}</source>
        <translation>Не удалось загрузить шаблоны: {reason}</translation>
    </message>
    <message>
        <source>{name} ({type}, add-on)</source>
        <translation>{name} ({type}, дополнение)</translation>
    </message>
    <message>
        <source>Could not save “{name}”: {reason}</source>
        <translation>Не удалось сохранить «{name}»: {reason}</translation>
    </message>
    <message>
        <source>Could not delete “{name}”: {reason}</source>
        <translation>Не удалось удалить «{name}»: {reason}</translation>
    </message>
    <message>
        <source>“{name}” was deleted.</source>
        <translation>«{name}» удалена.</translation>
    </message>
    <message>
        <source>new: not saved at the venue yet</source>
        <translation>новая: ещё не сохранена на площадке</translation>
    </message>
    <message>
        <source>no form for this type: its settings are kept as they are</source>
        <translation>для этого типа нет формы: настройки сохраняются как есть</translation>
    </message>
    <message>
        <source>New strategy</source>
        <translation>Новая стратегия</translation>
    </message>
    <message>
        <source>Log in to coin-weight to see your strategies.</source>
        <translation>Войдите в coin-weight, чтобы увидеть свои стратегии.</translation>
    </message>
    <message>
        <source>Not logged in to coin-weight</source>
        <translation>Вход в coin-weight не выполнен</translation>
    </message>
    <message>
        <source>No coin-weight venue is configured</source>
        <translation>Площадка coin-weight не настроена</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Venue</source>
        <translation>Площадка</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Счёт</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>Инструмент</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Операция</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Цена</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Стоп</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Кол-во</translation>
    </message>
    <message>
        <source>Filled</source>
        <translation>Исполнено</translation>
    </message>
    <message>
        <source>Avg price</source>
        <translation>Ср. цена</translation>
    </message>
    <message>
        <source>Order {id}</source>
        <translation>Заявка {id}</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Yield, %</source>
        <translation>Доходность, %</translation>
    </message>
    <message>
        <source>Equity, USD</source>
        <translation>Средства, USD</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Цена пая</translation>
    </message>
    <message>
        <source>Followers</source>
        <translation>Подписчики</translation>
    </message>
    <message>
        <source>Trader</source>
        <translation>Трейдер</translation>
    </message>
    <message>
        <source>Name contains… (Enter)</source>
        <translation>Название содержит… (Enter)</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>Создать…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Переименовать…</translation>
    </message>
    <message>
        <source>Close…</source>
        <translation>Закрыть…</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <source>Factor</source>
        <translation>Коэфф.</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>Баланс</translation>
    </message>
    <message>
        <source>Equity</source>
        <translation>Средства</translation>
    </message>
    <message>
        <source>Strategy ID (Enter)</source>
        <translation>ID стратегии (Enter)</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>Открыть…</translation>
    </message>
    <message>
        <source>Pause…</source>
        <translation>Приостановить…</translation>
    </message>
    <message>
        <source>Resume…</source>
        <translation>Возобновить…</translation>
    </message>
    <message>
        <source>A-book…</source>
        <translation>A-book…</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Фамилия</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Active accounts</source>
        <translation>Активные счета</translation>
    </message>
    <message>
        <source>Total funds</source>
        <translation>Всего средств</translation>
    </message>
    <message>
        <source>Login, name, e-mail… (Enter)</source>
        <translation>Логин, имя, e-mail… (Enter)</translation>
    </message>
    <message>
        <source>Bonus</source>
        <translation>Бонус</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Создан</translation>
    </message>
    <message>
        <source>Client ID (Enter)</source>
        <translation>ID клиента (Enter)</translation>
    </message>
    <message>
        <source>Wallet</source>
        <translation>Кошелёк</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Комментарий</translation>
    </message>
    <message>
        <source>Wallet ID (Enter)</source>
        <translation>ID кошелька (Enter)</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>Лот</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Тикет</translation>
    </message>
    <message>
        <source>Past profit</source>
        <translation>Прошлая прибыль</translation>
    </message>
    <message>
        <source>Strategies</source>
        <translation>Стратегии</translation>
    </message>
    <message>
        <source>Wallets</source>
        <translation>Кошельки</translation>
    </message>
    <message>
        <source>Positions</source>
        <translation>Позиции</translation>
    </message>
    <message>
        <source>Login contains… (Enter)</source>
        <translation>Логин содержит… (Enter)</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Запрос</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Объём</translation>
    </message>
    <message>
        <source>Symbol (Enter; otherwise the last 30 days)</source>
        <translation>Инструмент (Enter; иначе за последние 30 дней)</translation>
    </message>
    <message>
        <source>Stream</source>
        <translation>Поток</translation>
    </message>
    <message>
        <source>Symbol (Enter)</source>
        <translation>Инструмент (Enter)</translation>
    </message>
    <message>
        <source>Digits</source>
        <translation>Знаков</translation>
    </message>
    <message>
        <source>Base</source>
        <translation>Базовая</translation>
    </message>
    <message>
        <source>Quote</source>
        <translation>Котируемая</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Включён</translation>
    </message>
    <message>
        <source>Ticker contains… (Enter)</source>
        <translation>Тикер содержит… (Enter)</translation>
    </message>
    <message>
        <source>Login, name… (Enter)</source>
        <translation>Логин, имя… (Enter)</translation>
    </message>
    <message>
        <source>Rights…</source>
        <translation>Права…</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>Родитель</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>Демо</translation>
    </message>
    <message>
        <source>Access server</source>
        <translation>Сервер доступа</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Счета</translation>
    </message>
    <message>
        <source>Copy trading</source>
        <translation>Копитрейдинг</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Клиенты</translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation>Переводы</translation>
    </message>
    <message>
        <source>Signals</source>
        <translation>Сигналы</translation>
    </message>
    <message>
        <source>Client statistics</source>
        <translation>Статистика клиентов</translation>
    </message>
    <message>
        <source>Fills</source>
        <translation>Сделки</translation>
    </message>
    <message>
        <source>Fill requests</source>
        <translation>Запросы на исполнение</translation>
    </message>
    <message>
        <source>Assets</source>
        <translation>Активы</translation>
    </message>
    <message>
        <source>Symbols</source>
        <translation>Инструменты</translation>
    </message>
    <message>
        <source>Managers</source>
        <translation>Менеджеры</translation>
    </message>
    <message>
        <source>Companies</source>
        <translation>Компании</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Сессии</translation>
    </message>
    <message numerus="yes">
        <source>At most %n decimal(s).</source>
        <translation>
            <numerusform>Не больше %n знака после запятой.</numerusform>
            <numerusform>Не больше %n знаков после запятой.</numerusform>
            <numerusform>Не больше %n знаков после запятой.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ABookForm</name>
    <message>
        <source>A-book and stream of account #{id}</source>
        <translation>A-book и поток счёта №{id}</translation>
    </message>
    <message>
        <source>A-book share</source>
        <translation>Доля A-book</translation>
    </message>
    <message>
        <source>0 to 1 (1 = all to the liquidity)</source>
        <translation>от 0 до 1 (1 = всё поставщику ликвидности)</translation>
    </message>
    <message>
        <source>(unchanged)</source>
        <translation>(без изменений)</translation>
    </message>
    <message>
        <source>Stream</source>
        <translation>Поток</translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Tessera</source>
        <translation>О программе Tessera</translation>
    </message>
    <message>
        <source>Tessera {version}</source>
        <translation>Tessera {version}</translation>
    </message>
    <message>
        <source>A trading terminal.</source>
        <translation>Торговый терминал.</translation>
    </message>
</context>
<context>
    <name>AccountDetail</name>
    <message>
        <source>Select an account.</source>
        <translation>Выберите счёт.</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Позиция</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>Инструмент</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Объём</translation>
    </message>
    <message>
        <source>Open price</source>
        <translation>Цена открытия</translation>
    </message>
    <message>
        <source>Profit</source>
        <translation>Прибыль</translation>
    </message>
    <message>
        <source>Deal</source>
        <translation>Сделка</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Цена</translation>
    </message>
</context>
<context>
    <name>AccountSummaryWidget</name>
    <message>
        <source>Equity</source>
        <translation>Средства</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Доступно</translation>
    </message>
    <message>
        <source>On orders</source>
        <translation>В заявках</translation>
    </message>
    <message>
        <source>24h</source>
        <translation>24ч</translation>
    </message>
    <message>
        <source>Estimated value of every holding, one total per currency:</source>
        <translation>Оценочная стоимость всех активов, итог по каждой валюте:</translation>
    </message>
    <message>
        <source>{currency}: equity {equity}, available {available}, on orders {on_orders}</source>
        <translation>{currency}: средства {equity}, доступно {available}, в заявках {on_orders}</translation>
    </message>
    <message>
        <source>Log in to see the account</source>
        <translation>Войдите, чтобы увидеть счёт</translation>
    </message>
</context>
<context>
    <name>AccountsPanel</name>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Счёт</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Валюта</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>Баланс</translation>
    </message>
    <message>
        <source>Credit</source>
        <translation>Кредит</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
</context>
<context>
    <name>AccountsView</name>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Clearing</source>
        <translation>Клиринг</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Счёт</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Валюта</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>Баланс</translation>
    </message>
    <message>
        <source>Credit</source>
        <translation>Кредит</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>Категории</translation>
    </message>
    <message>
        <source>Deposit…</source>
        <translation>Пополнение…</translation>
    </message>
    <message>
        <source>Withdrawal…</source>
        <translation>Вывод…</translation>
    </message>
    <message>
        <source>Adjustment…</source>
        <translation>Корректировка…</translation>
    </message>
    <message>
        <source>Category…</source>
        <translation>Категория…</translation>
    </message>
    <message>
        <source>Trade permission</source>
        <translation>Право торговли</translation>
    </message>
    <message>
        <source>domain/login, e.g. default/demo</source>
        <translation>домен/логин, например default/demo</translation>
    </message>
    <message>
        <source>Grant</source>
        <translation>Выдать</translation>
    </message>
    <message>
        <source>Revoke…</source>
        <translation>Отозвать…</translation>
    </message>
    <message>
        <source>Transfers made here</source>
        <translation>Переводы, сделанные здесь</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Описание</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <source>Edit transfer…</source>
        <translation>Изменить перевод…</translation>
    </message>
    <message>
        <source>Choose an account</source>
        <translation>Выберите счёт</translation>
    </message>
</context>
<context>
    <name>AccountsViewModel</name>
    <message>
        <source>No back office is configured.</source>
        <translation>Бэк-офис не настроен.</translation>
    </message>
    <message>
        <source>Log in to the back office to see your accounts (Venue → Back office…).</source>
        <translation>Войдите в бэк-офис, чтобы увидеть свои счета (Площадка → Бэк-офис…).</translation>
    </message>
    <message>
        <source>Could not load your accounts: {error}</source>
        <translation>Не удалось загрузить ваши счета: {error}</translation>
    </message>
    <message numerus="yes">
        <source>%n account(s) of {user}</source>
        <translation>
            <numerusform>%n счёт пользователя {user}</numerusform>
            <numerusform>%n счёта пользователя {user}</numerusform>
            <numerusform>%n счетов пользователя {user}</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading accounts…</source>
        <translation>Загрузка счетов…</translation>
    </message>
    <message>
        <source>Could not load the accounts: {error}</source>
        <translation>Не удалось загрузить счета: {error}</translation>
    </message>
    <message>
        <source>Deposit</source>
        <translation>Пополнение</translation>
    </message>
    <message>
        <source>Withdrawal</source>
        <translation>Вывод</translation>
    </message>
    <message>
        <source>Adjustment</source>
        <translation>Корректировка</translation>
    </message>
    <message>
        <source>{kind} — {account}</source>
        <translation>{kind} — {account}</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Валюта</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Описание</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Отправить</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Изменить</translation>
    </message>
    <message>
        <source>Enter an amount, e.g. 10000.00.</source>
        <translation>Введите сумму, например 10000,00.</translation>
    </message>
    <message>
        <source>The amount must be more than zero.</source>
        <translation>Сумма должна быть больше нуля.</translation>
    </message>
    <message>
        <source>An adjustment cannot be zero (negative takes money).</source>
        <translation>Корректировка не может быть нулевой (отрицательная списывает деньги).</translation>
    </message>
    <message numerus="yes">
        <source>%n account(s)</source>
        <translation>
            <numerusform>%n счёт</numerusform>
            <numerusform>%n счёта</numerusform>
            <numerusform>%n счетов</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>At most %n decimal(s).</source>
        <translation>
            <numerusform>Не больше %n знака после запятой.</numerusform>
            <numerusform>Не больше %n знаков после запятой.</numerusform>
            <numerusform>Не больше %n знаков после запятой.</numerusform>
        </translation>
    </message>
    <message>
        <source>More than the balance ({balance} {currency}).</source>
        <translation>Больше баланса ({balance} {currency}).</translation>
    </message>
    <message>
        <source>A three-letter currency code, e.g. RUB.</source>
        <translation>Трёхбуквенный код валюты, например RUB.</translation>
    </message>
    <message>
        <source>The account holds {currency} only.</source>
        <translation>Счёт ведётся только в {currency}.</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Отправка…</translation>
    </message>
    <message>
        <source>Press Send again: the same transfer is asked for, never a second one.</source>
        <translation>Нажмите «Отправить» ещё раз: будет запрошен тот же перевод, второй не создаётся.</translation>
    </message>
    <message>
        <source>{kind} of {amount} {currency} done.</source>
        <translation>{kind} на {amount} {currency} выполнено.</translation>
    </message>
    <message>
        <source>Categories of {account}</source>
        <translation>Категории счёта {account}</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Группа</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Действие</translation>
    </message>
    <message>
        <source>Put the account in this group</source>
        <translation>Включить счёт в эту группу</translation>
    </message>
    <message>
        <source>Take the account out of this category</source>
        <translation>Исключить счёт из этой категории</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Применить</translation>
    </message>
    <message>
        <source>Choose a group.</source>
        <translation>Выберите группу.</translation>
    </message>
    <message>
        <source>The account is in no group of {c}.</source>
        <translation>Счёт не входит ни в одну группу {c}.</translation>
    </message>
    <message>
        <source>The account is in this group already.</source>
        <translation>Счёт уже в этой группе.</translation>
    </message>
    <message>
        <source>Categories of {account} changed.</source>
        <translation>Категории счёта {account} изменены.</translation>
    </message>
    <message>
        <source>Write the user as domain/login, e.g. default/demo.</source>
        <translation>Укажите пользователя как домен/логин, например default/demo.</translation>
    </message>
    <message>
        <source>Revoke the trade permission</source>
        <translation>Отозвать право торговли</translation>
    </message>
    <message>
        <source>Revoke {user}&apos;s permission to trade on account {account}? Their next order on it will be refused.</source>
        <translation>Отозвать у {user} право торговли по счёту {account}? Следующая его заявка по этому счёту будет отклонена.</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Отозвать</translation>
    </message>
    <message>
        <source>{user} may trade on {account}.</source>
        <translation>{user} может торговать по счёту {account}.</translation>
    </message>
    <message>
        <source>{user} may no longer trade on {account}.</source>
        <translation>{user} больше не может торговать по счёту {account}.</translation>
    </message>
</context>
<context>
    <name>AddonsDialog</name>
    <message>
        <source>Add-ons</source>
        <translation>Дополнения</translation>
    </message>
    <message>
        <source>Search add-ons</source>
        <translation>Поиск дополнений</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Найти</translation>
    </message>
    <message>
        <source>Tag:</source>
        <translation>Тег:</translation>
    </message>
    <message>
        <source>Platform:</source>
        <translation>Платформа:</translation>
    </message>
    <message>
        <source>Versions:</source>
        <translation>Версии:</translation>
    </message>
    <message>
        <source>Install</source>
        <translation>Установить</translation>
    </message>
    <message>
        <source>Any tag</source>
        <translation>Любой тег</translation>
    </message>
    <message>
        <source>Any platform</source>
        <translation>Любая платформа</translation>
    </message>
    <message>
        <source>No add-on matches.</source>
        <translation>Подходящих дополнений нет.</translation>
    </message>
    <message>
        <source>Choose a version to install.</source>
        <translation>Выберите версию для установки.</translation>
    </message>
</context>
<context>
    <name>AggregionAccess</name>
    <message>
        <source>Licence: checking…</source>
        <translation>Лицензия: проверка…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>&amp;Licence…</source>
        <translation>&amp;Лицензия…</translation>
    </message>
    <message>
        <source>&amp;Add-ons…</source>
        <translation>&amp;Дополнения…</translation>
    </message>
    <message>
        <source>&amp;About Tessera…</source>
        <translation>&amp;О программе Tessera…</translation>
    </message>
    <message>
        <source>Free mode (no licence on this device)</source>
        <translation>Бесплатный режим (нет лицензии на устройстве)</translation>
    </message>
    <message>
        <source>Free mode</source>
        <translation>Бесплатный режим</translation>
    </message>
    <message>
        <source>Licensed to {licensee} until {date}</source>
        <translation>Лицензия: {licensee}, до {date}</translation>
    </message>
    <message>
        <source>Licence expired</source>
        <translation>Срок лицензии истёк</translation>
    </message>
    <message>
        <source>Licence not valid yet</source>
        <translation>Лицензия ещё не действует</translation>
    </message>
    <message>
        <source>Licence refused</source>
        <translation>Лицензия отклонена</translation>
    </message>
    <message>
        <source>Licence is for another device</source>
        <translation>Лицензия выдана для другого устройства</translation>
    </message>
    <message>
        <source>Licence revoked or unknown</source>
        <translation>Лицензия отозвана или неизвестна</translation>
    </message>
    <message>
        <source>Free mode — {why}</source>
        <translation>Бесплатный режим — {why}</translation>
    </message>
    <message>
        <source>Aggregion refused: {message}</source>
        <translation>Aggregion отказал: {message}</translation>
    </message>
    <message>
        <source>Aggregion cannot be reached: {message}</source>
        <translation>Aggregion недоступен: {message}</translation>
    </message>
    <message>
        <source>Refused: {reason}.</source>
        <translation>Отказано: {reason}.</translation>
    </message>
    <message>
        <source>This device: {host} — key {number}</source>
        <translation>Это устройство: {host} — ключ {number}</translation>
    </message>
    <message>
        <source>This device: {host} (no key yet)</source>
        <translation>Это устройство: {host} (ключа ещё нет)</translation>
    </message>
    <message>
        <source>your user id: {id}</source>
        <translation>ваш id пользователя: {id}</translation>
    </message>
    <message>
        <source>account id: {id}</source>
        <translation>id аккаунта: {id}</translation>
    </message>
    <message>
        <source>This device&apos;s key {number} was created.</source>
        <translation>Ключ {number} этого устройства создан.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Вход…</translation>
    </message>
    <message>
        <source>Loading leases…</source>
        <translation>Загрузка аренд…</translation>
    </message>
    <message>
        <source>Binding to this device…</source>
        <translation>Привязка к этому устройству…</translation>
    </message>
    <message>
        <source>The seat of “{title}” on this device is free.</source>
        <translation>Место «{title}» на этом устройстве освобождено.</translation>
    </message>
    <message>
        <source>Freeing the seat…</source>
        <translation>Освобождение места…</translation>
    </message>
    <message>
        <source>Loading the catalog…</source>
        <translation>Загрузка каталога…</translation>
    </message>
    <message>
        <source> (installed)</source>
        <translation> (установлено)</translation>
    </message>
    <message>
        <source>Tags: {tags} · Platforms: {platforms}</source>
        <translation>Теги: {tags} · Платформы: {platforms}</translation>
    </message>
    <message>
        <source>Loading versions…</source>
        <translation>Загрузка версий…</translation>
    </message>
    <message>
        <source>Sign in under Help → Licence… to install add-ons.</source>
        <translation>Войдите через Справка → Лицензия…, чтобы устанавливать дополнения.</translation>
    </message>
    <message>
        <source>“{title}” {version} is installed and verified. {effect}</source>
        <translation>«{title}» {version} установлено и проверено. {effect}</translation>
    </message>
    <message>
        <source>Downloading and verifying…</source>
        <translation>Загрузка и проверка…</translation>
    </message>
    <message>
        <source>New layouts in the Window menu: {names}.</source>
        <translation>Новые раскладки в меню «Окно»: {names}.</translation>
    </message>
    <message>
        <source>New strategy templates in the Strategies panel: {names}.</source>
        <translation>Новые шаблоны стратегий на панели «Стратегии»: {names}.</translation>
    </message>
    <message>
        <source>It takes effect in a later Tessera version.</source>
        <translation>Это заработает в одной из следующих версий Tessera.</translation>
    </message>
</context>
<context>
    <name>ApiKeysDialog</name>
    <message>
        <source>{venue} API keys</source>
        <translation>API-ключи {venue}</translation>
    </message>
    <message>
        <source>Counterparty</source>
        <translation>Контрагент</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-ключ</translation>
    </message>
    <message>
        <source>Secret key</source>
        <translation>Секретный ключ</translation>
    </message>
    <message>
        <source>No API keys yet.</source>
        <translation>API-ключей пока нет.</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Удалить…</translation>
    </message>
    <message>
        <source>Add a key</source>
        <translation>Добавить ключ</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Добавить</translation>
    </message>
    <message>
        <source>Delete API key</source>
        <translation>Удалить API-ключ</translation>
    </message>
    <message>
        <source>Delete the API key for {counterparty}? The venue forgets the secret.</source>
        <translation>Удалить API-ключ для {counterparty}? Площадка забудет секрет.</translation>
    </message>
</context>
<context>
    <name>ApiKeysViewModel</name>
    <message>
        <source>The venue refused: {reason}</source>
        <translation>Площадка отказала: {reason}</translation>
    </message>
    <message>
        <source>The venue cannot be reached: {reason}</source>
        <translation>Площадка недоступна: {reason}</translation>
    </message>
</context>
<context>
    <name>BackOffice</name>
    <message>
        <source>&amp;Venue</source>
        <translation>&amp;Площадка</translation>
    </message>
    <message>
        <source>Back office…</source>
        <translation>Бэк-офис…</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Счета</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Клиенты</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Уведомления</translation>
    </message>
    <message>
        <source>Transaction import</source>
        <translation>Импорт транзакций</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Сессии</translation>
    </message>
    <message>
        <source>Brokers and groups</source>
        <translation>Брокеры и группы</translation>
    </message>
    <message>
        <source>Log in to the back office (dxRegister)</source>
        <translation>Вход в бэк-офис (dxRegister)</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Войти</translation>
    </message>
    <message>
        <source>Logged in as {login}@{domain}</source>
        <translation>Вход выполнен: {login}@{domain}</translation>
    </message>
    <message>
        <source>Logging in…</source>
        <translation>Вход…</translation>
    </message>
    <message>
        <source>Not logged in: {reason}</source>
        <translation>Вход не выполнен: {reason}</translation>
    </message>
    <message>
        <source>Not logged in</source>
        <translation>Вход не выполнен</translation>
    </message>
</context>
<context>
    <name>BackOfficeIndicator</name>
    <message>
        <source>Back office: logged in as {login}@{domain}</source>
        <translation>Бэк-офис: вход выполнен как {login}@{domain}</translation>
    </message>
    <message>
        <source>Click to log in to the back office.</source>
        <translation>Щёлкните, чтобы войти в бэк-офис.</translation>
    </message>
</context>
<context>
    <name>BackOfficeLoginViewModel</name>
    <message>
        <source>Enter your login.</source>
        <translation>Введите логин.</translation>
    </message>
    <message>
        <source>Enter the domain (e.g. default).</source>
        <translation>Введите домен (например, default).</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Введите пароль.</translation>
    </message>
    <message>
        <source>Logging in…</source>
        <translation>Вход…</translation>
    </message>
</context>
<context>
    <name>BackOfficeWindow</name>
    <message>
        <source>Back office — dxRegister</source>
        <translation>Бэк-офис — dxRegister</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Сессия</translation>
    </message>
    <message>
        <source>Log in…</source>
        <translation>Войти…</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Выйти</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Закрыть</translation>
    </message>
</context>
<context>
    <name>BalancesPanel</name>
    <message>
        <source>Hide zero</source>
        <translation>Скрыть нулевые</translation>
    </message>
    <message>
        <source>Leave out currencies with a total of zero</source>
        <translation>Не показывать валюты с нулевым итогом</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Счёт</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Валюта</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Итого</translation>
    </message>
    <message>
        <source>In orders</source>
        <translation>В заявках</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Доступно</translation>
    </message>
    <message>
        <source>Value, {currency}</source>
        <translation>Стоимость, {currency}</translation>
    </message>
    <message>
        <source>No price for this currency</source>
        <translation>Нет цены для этой валюты</translation>
    </message>
    <message>
        <source>Total: —</source>
        <translation>Итого: —</translation>
    </message>
    <message>
        <source>Total ≈ {total} {currency}</source>
        <translation>Итого ≈ {total} {currency}</translation>
    </message>
    <message numerus="yes">
        <source>(%n without a price)</source>
        <translation>
            <numerusform>(%n валюта без цены)</numerusform>
            <numerusform>(%n валюты без цены)</numerusform>
            <numerusform>(%n валют без цены)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CancelAllDialog</name>
    <message>
        <source>Cancel all orders</source>
        <translation>Снять все заявки</translation>
    </message>
    <message>
        <source>Cancel every active order on:</source>
        <translation>Снять все активные заявки на:</translation>
    </message>
    <message numerus="yes">
        <source>{name} (%n active)</source>
        <translation>
            <numerusform>{name} (%n активная)</numerusform>
            <numerusform>{name} (%n активные)</numerusform>
            <numerusform>{name} (%n активных)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) known to be active will be canceled.</source>
        <translation>
            <numerusform>Будет снята %n заявка, которая считается активной.</numerusform>
            <numerusform>Будут сняты %n заявки, которые считаются активными.</numerusform>
            <numerusform>Будут сняты %n заявок, которые считаются активными.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel orders</source>
        <translation>Снять заявки</translation>
    </message>
    <message>
        <source>Keep orders</source>
        <translation>Оставить заявки</translation>
    </message>
    <message>
        <source>Tick where to cancel.</source>
        <translation>Отметьте, где снимать.</translation>
    </message>
</context>
<context>
    <name>ChartFeeds</name>
    <message>
        <source>Not connected to {venue}</source>
        <translation>Нет подключения к {venue}</translation>
    </message>
</context>
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
    <name>ChartPanel</name>
    <message>
        <source>Move order</source>
        <translation>Перенести заявку</translation>
    </message>
</context>
<context>
    <name>ChartViewModel</name>
    <message>
        <source>STP</source>
        <translation>СТОП</translation>
    </message>
    <message>
        <source>STP LMT</source>
        <translation>СТОП ЛМТ</translation>
    </message>
    <message>
        <source>Pick a symbol to chart</source>
        <translation>Выберите инструмент для графика</translation>
    </message>
    <message>
        <source>Not connected to {venue}: log in to see the chart</source>
        <translation>Нет подключения к {venue}: войдите, чтобы увидеть график</translation>
    </message>
    <message>
        <source>Loading {symbol}…</source>
        <translation>Загрузка {symbol}…</translation>
    </message>
    <message>
        <source>Bars not loaded: {error}</source>
        <translation>Бары не загружены: {error}</translation>
    </message>
    <message>
        <source>Older bars not loaded: {error}</source>
        <translation>Более ранние бары не загружены: {error}</translation>
    </message>
    <message>
        <source>Not connected to {venue}: these bars are not live</source>
        <translation>Нет подключения к {venue}: бары не обновляются</translation>
    </message>
    <message>
        <source>BUY</source>
        <translation>ПОКУПКА</translation>
    </message>
    <message>
        <source>SELL</source>
        <translation>ПРОДАЖА</translation>
    </message>
    <message>
        <source>POS {quantity}</source>
        <translation>ПОЗ {quantity}</translation>
    </message>
    <message>
        <source>Move the {side} order for {quantity} {symbol} from {old} to {new}?</source>
        <translation>Перенести заявку ({side}) на {quantity} {symbol} с {old} на {new}?</translation>
    </message>
    <message>
        <source>buy</source>
        <translation>покупка</translation>
    </message>
    <message>
        <source>sell</source>
        <translation>продажа</translation>
    </message>
    <message>
        <source>The order is no longer working</source>
        <translation>Заявка больше не активна</translation>
    </message>
    <message>
        <source>Moving the order to {price}…</source>
        <translation>Перенос заявки на {price}…</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>отказано</translation>
    </message>
    <message>
        <source>Order not moved: {reason}</source>
        <translation>Заявка не перенесена: {reason}</translation>
    </message>
    <message>
        <source>Order moved to {price}</source>
        <translation>Заявка перенесена на {price}</translation>
    </message>
</context>
<context>
    <name>ChartWidget</name>
    <message>
        <source>Latest »</source>
        <extracomment>older bars wanted: the time of the oldest loaded bar (epoch s); once until prepend_bars/exhausted the user dragged a working order&apos;s line: (order_id, new price snapped to the tick)</extracomment>
        <translation>К последнему »</translation>
    </message>
    <message>
        <source>Scroll to the latest bar (End)</source>
        <translation>Прокрутить к последнему бару (End)</translation>
    </message>
    <message>
        <source>{time}   O {open}  H {high}  L {low}  C {close}  V {volume}  {change}</source>
        <translation>{time}   О {open}  Макс {high}  Мин {low}  З {close}  Об {volume}  {change}</translation>
    </message>
</context>
<context>
    <name>ClientForm</name>
    <message>
        <source>New client</source>
        <translation>Новый клиент</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>Логин</translation>
    </message>
    <message>
        <source>up to 64 characters, unique</source>
        <translation>до 64 символов, уникальный</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Пароль</translation>
    </message>
    <message>
        <source>the client&apos;s first password</source>
        <translation>первоначальный пароль клиента</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Фамилия</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation>name@example.com</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>Мобильный</translation>
    </message>
    <message>
        <source>+ and digits, e.g. +79001234567</source>
        <translation>+ и цифры, например +79001234567</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <source>two letters (ISO 639-1), e.g. en</source>
        <translation>две буквы (ISO 639-1), например en</translation>
    </message>
</context>
<context>
    <name>ClientsView</name>
    <message>
        <source>Search login, name, e-mail…</source>
        <translation>Поиск по логину, имени, e-mail…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>New client…</source>
        <translation>Новый клиент…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Изменить…</translation>
    </message>
    <message>
        <source>New account…</source>
        <translation>Новый счёт…</translation>
    </message>
    <message>
        <source>Groups…</source>
        <translation>Группы…</translation>
    </message>
    <message>
        <source>Market data…</source>
        <translation>Рыночные данные…</translation>
    </message>
    <message>
        <source>Disable and terminate…</source>
        <translation>Отключить и закрыть счета…</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>Логин</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>Домен</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Счета</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>Группы</translation>
    </message>
    <message>
        <source>Choose a client to edit.</source>
        <translation>Выберите клиента для изменения.</translation>
    </message>
    <message>
        <source>Choose a client first.</source>
        <translation>Сначала выберите клиента.</translation>
    </message>
    <message>
        <source>Choose a client to disable.</source>
        <translation>Выберите клиента для отключения.</translation>
    </message>
</context>
<context>
    <name>ClientsViewModel</name>
    <message>
        <source>Loading clients…</source>
        <translation>Загрузка клиентов…</translation>
    </message>
    <message>
        <source>Could not load the clients: {error}</source>
        <translation>Не удалось загрузить клиентов: {error}</translation>
    </message>
    <message numerus="yes">
        <source>%n client(s)</source>
        <translation>
            <numerusform>%n клиент</numerusform>
            <numerusform>%n клиента</numerusform>
            <numerusform>%n клиентов</numerusform>
        </translation>
    </message>
    <message>
        <source>New client</source>
        <translation>Новый клиент</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>Логин</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>Домен</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Полное имя</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Пароль</translation>
    </message>
    <message>
        <source>Account code</source>
        <translation>Код счёта</translation>
    </message>
    <message>
        <source>optional, e.g. NEW-USD-01</source>
        <translation>необязательно, например NEW-USD-01</translation>
    </message>
    <message>
        <source>Account currency</source>
        <translation>Валюта счёта</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Создать</translation>
    </message>
    <message>
        <source>Edit {client}</source>
        <translation>Изменить {client}</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <source>Not an e-mail address (name@example.com).</source>
        <translation>Это не адрес e-mail (name@example.com).</translation>
    </message>
    <message>
        <source>Enter the new client&apos;s login.</source>
        <translation>Введите логин нового клиента.</translation>
    </message>
    <message>
        <source>Letters, digits and _ . @ - only.</source>
        <translation>Только буквы, цифры и _ . @ -.</translation>
    </message>
    <message>
        <source>{login} already exists.</source>
        <translation>{login} уже существует.</translation>
    </message>
    <message>
        <source>Enter the domain (e.g. default).</source>
        <translation>Введите домен (например, default).</translation>
    </message>
    <message>
        <source>At least 4 characters.</source>
        <translation>Не меньше 4 символов.</translation>
    </message>
    <message>
        <source>A three-letter currency code, e.g. USD.</source>
        <translation>Трёхбуквенный код валюты, например USD.</translation>
    </message>
    <message>
        <source>Client {client} created.</source>
        <translation>Клиент {client} создан.</translation>
    </message>
    <message>
        <source>Client {client} saved.</source>
        <translation>Клиент {client} сохранён.</translation>
    </message>
    <message>
        <source>Disable and terminate</source>
        <translation>Отключить и закрыть счета</translation>
    </message>
    <message>
        <source>Disable {client} and terminate all their accounts? They are logged out and cannot trade on them again.</source>
        <translation>Отключить {client} и закрыть все его счета? Клиент будет разлогинен и больше не сможет по ним торговать.</translation>
    </message>
    <message>
        <source>{client} disabled; their accounts are terminated.</source>
        <translation>{client} отключён; его счета закрыты.</translation>
    </message>
    <message>
        <source>New account for {client}</source>
        <translation>Новый счёт для {client}</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Валюта</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>Демо</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Реальный</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Открыть</translation>
    </message>
    <message>
        <source>An account code: letters, digits and _ . @ - only.</source>
        <translation>Код счёта: только буквы, цифры и _ . @ -.</translation>
    </message>
    <message>
        <source>Account {account} opened for {client}.</source>
        <translation>Счёт {account} открыт для {client}.</translation>
    </message>
    <message>
        <source>Groups of {client}</source>
        <translation>Группы клиента {client}</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Группа</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Действие</translation>
    </message>
    <message>
        <source>Add to the group</source>
        <translation>Добавить в группу</translation>
    </message>
    <message>
        <source>Remove from the group</source>
        <translation>Убрать из группы</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Применить</translation>
    </message>
    <message>
        <source>Choose a group.</source>
        <translation>Выберите группу.</translation>
    </message>
    <message>
        <source>Already in {group}.</source>
        <translation>Уже в группе {group}.</translation>
    </message>
    <message>
        <source>Not in {group}.</source>
        <translation>Не в группе {group}.</translation>
    </message>
    <message>
        <source>{client} added to {group}.</source>
        <translation>{client} добавлен в группу {group}.</translation>
    </message>
    <message>
        <source>{client} removed from {group}.</source>
        <translation>{client} убран из группы {group}.</translation>
    </message>
    <message>
        <source>Market data of {client}</source>
        <translation>Рыночные данные клиента {client}</translation>
    </message>
    <message>
        <source>dxFeed account</source>
        <translation>Счёт dxFeed</translation>
    </message>
    <message>
        <source>Activate subscriptions</source>
        <translation>Активировать подписки</translation>
    </message>
    <message>
        <source>Cancel subscriptions</source>
        <translation>Отменить подписки</translation>
    </message>
    <message>
        <source>Suspend the account</source>
        <translation>Приостановить счёт</translation>
    </message>
    <message>
        <source>Feeds</source>
        <translation>Потоки данных</translation>
    </message>
    <message>
        <source>comma separated, e.g. NYSE, NASDAQ</source>
        <translation>через запятую, например NYSE, NASDAQ</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>До</translation>
    </message>
    <message>
        <source>optional, e.g. 2026-12-31</source>
        <translation>необязательно, например 2026-12-31</translation>
    </message>
    <message>
        <source>The client&apos;s dxFeed account id.</source>
        <translation>Id счёта клиента в dxFeed.</translation>
    </message>
    <message>
        <source>Name at least one feed.</source>
        <translation>Укажите хотя бы один поток.</translation>
    </message>
    <message>
        <source>A date as YYYY-MM-DD, or empty.</source>
        <translation>Дата в виде ГГГГ-ММ-ДД или пусто.</translation>
    </message>
    <message>
        <source>Market data: the venue answered {answer}.</source>
        <translation>Рыночные данные: площадка ответила {answer}.</translation>
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
    <name>CopyTradingView</name>
    <message>
        <source>Select a strategy you own in the Strategies list.</source>
        <translation>Выберите свою стратегию в списке «Стратегии».</translation>
    </message>
    <message>
        <source>Strategy</source>
        <translation>Стратегия</translation>
    </message>
    <message>
        <source>log in to CHP or coin-weight: their accounts can be linked</source>
        <translation>войдите в CHP или coin-weight: их счета можно связать</translation>
    </message>
    <message>
        <source>Trading account</source>
        <translation>Торговый счёт</translation>
    </message>
    <message>
        <source>Not linked.</source>
        <translation>Не связано.</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Связать</translation>
    </message>
    <message>
        <source>Unlink</source>
        <translation>Отвязать</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Тикет</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>Инструмент</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>Лот</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Отправлено</translation>
    </message>
    <message>
        <source>Signal</source>
        <translation>Сигнал</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Сообщение</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Счёт</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Объём</translation>
    </message>
    <message>
        <source>Open price</source>
        <translation>Цена открытия</translation>
    </message>
    <message>
        <source>Profit</source>
        <translation>Прибыль</translation>
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
    <name>DecimalField</name>
    <message>
        <source>Only digits and one decimal point</source>
        <translation>Только цифры и один десятичный разделитель</translation>
    </message>
</context>
<context>
    <name>DecimalInput</name>
    <message>
        <source>Whole numbers only</source>
        <translation>Только целые числа</translation>
    </message>
    <message>
        <source>At most {decimals} decimals (step {step})</source>
        <translation>Знаков после запятой — не больше {decimals} (шаг {step})</translation>
    </message>
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
    <name>Demo</name>
    <message>
        <source>Tessera cannot start</source>
        <translation>Tessera не может запуститься</translation>
    </message>
    <message>
        <source>The demo venues could not start: {reason}.</source>
        <translation>Демо-площадки не запустились: {reason}.</translation>
    </message>
    <message>
        <source>If Tessera is already open with this profile, use that window, or close it and start again. To run a second Tessera, start it with another profile (--profile NAME). Tessera will now close.</source>
        <translation>Если Tessera уже открыта с этим профилем, работайте в том окне или закройте его и запустите снова. Чтобы запустить вторую Tessera, укажите другой профиль (--profile ИМЯ). Сейчас Tessera закроется.</translation>
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
    <name>FieldChecks</name>
    <message>
        <source>Required.</source>
        <translation>Обязательное поле.</translation>
    </message>
    <message>
        <source>A positive whole number.</source>
        <translation>Целое положительное число.</translation>
    </message>
    <message>
        <source>A number, e.g. 0.25.</source>
        <translation>Число, например 0,25.</translation>
    </message>
    <message>
        <source>Must be more than 0.</source>
        <translation>Должно быть больше 0.</translation>
    </message>
    <message>
        <source>From 0 to 1.</source>
        <translation>От 0 до 1.</translation>
    </message>
    <message>
        <source>From 0 to 1, 1 excluded.</source>
        <translation>От 0 до 1, не включая 1.</translation>
    </message>
    <message>
        <source>Must be more than 0, or empty.</source>
        <translation>Должно быть больше 0 или пусто.</translation>
    </message>
    <message>
        <source>From 0.01 to 1000 (or -1000 to -0.01).</source>
        <translation>От 0,01 до 1000 (или от -1000 до -0,01).</translation>
    </message>
    <message>
        <source>At most {max} characters ({n} now).</source>
        <translation>Не больше {max} символов (сейчас {n}).</translation>
    </message>
</context>
<context>
    <name>FollowerForm</name>
    <message>
        <source>New follower account</source>
        <translation>Новый счёт подписчика</translation>
    </message>
    <message>
        <source>Opens an account for the client that copies the strategy: the money is taken from the client&apos;s wallet, and the strategy&apos;s open positions are opened in it at market, times the factor.</source>
        <translation>Открывает клиенту счёт, который копирует стратегию: деньги списываются с кошелька клиента, а открытые позиции стратегии открываются в нём по рынку, умноженные на коэффициент.</translation>
    </message>
    <message>
        <source>Strategy ID</source>
        <translation>ID стратегии</translation>
    </message>
    <message>
        <source>the strategy to follow</source>
        <translation>стратегия, на которую подписаться</translation>
    </message>
    <message>
        <source>Client ID</source>
        <translation>ID клиента</translation>
    </message>
    <message>
        <source>the investor (a client of the company)</source>
        <translation>инвестор (клиент компании)</translation>
    </message>
    <message>
        <source>Money, USD</source>
        <translation>Деньги, USD</translation>
    </message>
    <message>
        <source>&gt; 0, 2 decimals, from the client&apos;s wallet</source>
        <translation>&gt; 0, 2 знака после запятой, из кошелька клиента</translation>
    </message>
    <message>
        <source>Factor</source>
        <translation>Коэффициент</translation>
    </message>
    <message>
        <source>0.01 to 1000 (or -1000 to -0.01), 2 decimals</source>
        <translation>от 0,01 до 1000 (или от -1000 до -0,01), 2 знака после запятой</translation>
    </message>
    <message>
        <source>Protection</source>
        <translation>Защита</translation>
    </message>
    <message>
        <source>0 to 1 (1 excluded), or empty</source>
        <translation>от 0 до 1 (не включая 1) или пусто</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Цель</translation>
    </message>
    <message>
        <source>&gt; 0, 3 decimals, or empty</source>
        <translation>&gt; 0, 3 знака после запятой, или пусто</translation>
    </message>
</context>
<context>
    <name>FundsPage</name>
    <message>
        <source>Fund</source>
        <translation>Фонд</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>По умолчанию</translation>
    </message>
    <message>
        <source>New fund</source>
        <translation>Новый фонд</translation>
    </message>
    <message>
        <source>e.g. Resellers</source>
        <translation>например, Реселлеры</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Название:</translation>
    </message>
    <message>
        <source>Create fund</source>
        <translation>Создать фонд</translation>
    </message>
    <message>
        <source>Choose a fund to see its items.</source>
        <translation>Выберите фонд, чтобы увидеть его экземпляры.</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Запись</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Создано</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Истекает</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Количество</translation>
    </message>
    <message>
        <source>Create items in this fund</source>
        <translation>Создать экземпляры в этом фонде</translation>
    </message>
    <message>
        <source>Entry:</source>
        <translation>Запись:</translation>
    </message>
    <message>
        <source>Expire on:</source>
        <translation>Истекают:</translation>
    </message>
    <message>
        <source>How many:</source>
        <translation>Сколько:</translation>
    </message>
    <message>
        <source>Create items</source>
        <translation>Создать экземпляры</translation>
    </message>
    <message>
        <source>Move to an account, with an invoice</source>
        <translation>Переместить в аккаунт по накладной</translation>
    </message>
    <message>
        <source>Make new items (entry and expiry at the left)</source>
        <translation>Создать новые экземпляры (запись и срок — слева)</translation>
    </message>
    <message>
        <source>Unticked: the items selected in the fund&apos;s list are moved.</source>
        <translation>Без отметки перемещаются экземпляры, выбранные в списке фонда.</translation>
    </message>
    <message>
        <source>24 hexadecimal characters</source>
        <translation>24 шестнадцатеричных символа</translation>
    </message>
    <message>
        <source>e.g. INV-2026-001</source>
        <translation>например, INV-2026-001</translation>
    </message>
    <message>
        <source>To account:</source>
        <translation>В аккаунт:</translation>
    </message>
    <message>
        <source>Invoice number:</source>
        <translation>Номер накладной:</translation>
    </message>
    <message>
        <source>Note on the invoice:</source>
        <translation>Примечание к накладной:</translation>
    </message>
    <message>
        <source>Move with invoice</source>
        <translation>Переместить по накладной</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>да</translation>
    </message>
</context>
<context>
    <name>HintBar</name>
    <message>
        <source>Got it</source>
        <translation>Понятно</translation>
    </message>
    <message>
        <source>Hide this hint for good</source>
        <translation>Больше не показывать эту подсказку</translation>
    </message>
</context>
<context>
    <name>ImportView</name>
    <message>
        <source>Import a file…</source>
        <translation>Импортировать файл…</translation>
    </message>
    <message>
        <source>CSV with a header (accountCode, quantity, symbol, transactionId, action, …) or a JSON array</source>
        <translation>CSV с заголовком (accountCode, quantity, symbol, transactionId, action, …) или массив JSON</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Строка</translation>
    </message>
    <message>
        <source>Transaction</source>
        <translation>Транзакция</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Результат</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Ошибка</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
</context>
<context>
    <name>ImportViewModel</name>
    <message>
        <source>Transactions to import</source>
        <translation>Транзакции для импорта</translation>
    </message>
    <message>
        <source>Transactions (*.csv *.json)</source>
        <translation>Транзакции (*.csv *.json)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Все файлы (*)</translation>
    </message>
    <message>
        <source>Could not read {file}: {error}</source>
        <translation>Не удалось прочитать {file}: {error}</translation>
    </message>
    <message numerus="yes">
        <source>Importing %n row(s)…</source>
        <translation>
            <numerusform>Импорт %n строки…</numerusform>
            <numerusform>Импорт %n строк…</numerusform>
            <numerusform>Импорт %n строк…</numerusform>
        </translation>
    </message>
    <message>
        <source>not sent</source>
        <translation>не отправлено</translation>
    </message>
    <message>
        <source>created</source>
        <translation>создано</translation>
    </message>
    <message>
        <source>updated</source>
        <translation>обновлено</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>удалено</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>ошибка</translation>
    </message>
    <message>
        <source>{file}: {done} imported, {failed} failed.</source>
        <translation>{file}: импортировано {done}, с ошибкой {failed}.</translation>
    </message>
</context>
<context>
    <name>InstrumentCombo</name>
    <message>
        <source>Symbol…</source>
        <translation>Инструмент…</translation>
    </message>
</context>
<context>
    <name>InstrumentMenuButton</name>
    <message>
        <source>Choose a symbol</source>
        <translation>Выберите инструмент</translation>
    </message>
    <message>
        <source>{symbol} on {market}: click to choose another</source>
        <translation>{symbol} на {market}: щёлкните, чтобы выбрать другой</translation>
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
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n запись</numerusform>
            <numerusform>%n записи</numerusform>
            <numerusform>%n записей</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LadderView</name>
    <message>
        <source>Buy</source>
        <translation>Покупка</translation>
    </message>
    <message>
        <source>Bid</source>
        <translation>Бид</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Цена</translation>
    </message>
    <message>
        <source>Ask</source>
        <translation>Аск</translation>
    </message>
    <message>
        <source>Sell</source>
        <translation>Продажа</translation>
    </message>
</context>
<context>
    <name>LayoutPresets</name>
    <message>
        <source>Professional</source>
        <translation>Профессиональная</translation>
    </message>
    <message>
        <source>Simple</source>
        <translation>Простая</translation>
    </message>
</context>
<context>
    <name>LicenceDialog</name>
    <message>
        <source>Licence</source>
        <translation>Лицензия</translation>
    </message>
    <message>
        <source>Sign in to Aggregion</source>
        <translation>Вход в Aggregion</translation>
    </message>
    <message>
        <source>Login:</source>
        <translation>Логин:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Пароль:</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Войти</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Продукт</translation>
    </message>
    <message>
        <source>From</source>
        <translation>С</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>До</translation>
    </message>
    <message>
        <source>Seats</source>
        <translation>Места</translation>
    </message>
    <message>
        <source>This device</source>
        <translation>Это устройство</translation>
    </message>
    <message>
        <source>Use on this device</source>
        <translation>Использовать на этом устройстве</translation>
    </message>
    <message>
        <source>Free this device&apos;s seat…</source>
        <translation>Освободить место этого устройства…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Signed in as {login}</source>
        <translation>Вход выполнен: {login}</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <source>Enter your Aggregion login.</source>
        <translation>Введите логин Aggregion.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Введите пароль.</translation>
    </message>
    <message>
        <source>Free the seat</source>
        <translation>Освободить место</translation>
    </message>
    <message>
        <source>Free this device&apos;s seat of “{title}”? Tessera falls back to its free mode here until a lease is bound again.</source>
        <translation>Освободить место «{title}» на этом устройстве? Tessera перейдёт здесь в бесплатный режим, пока аренда не будет привязана снова.</translation>
    </message>
</context>
<context>
    <name>LinkColourButton</name>
    <message>
        <source>Red</source>
        <translation>Красный</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>Зелёный</translation>
    </message>
    <message>
        <source>Blue</source>
        <translation>Синий</translation>
    </message>
    <message>
        <source>Yellow</source>
        <translation>Жёлтый</translation>
    </message>
    <message>
        <source>Not linked</source>
        <translation>Не связано</translation>
    </message>
    <message>
        <source>Link colour: {colour}</source>
        <translation>Цвет связи: {colour}</translation>
    </message>
</context>
<context>
    <name>Liveness</name>
    <message>
        <source>{venue} reconnecting…</source>
        <translation>{venue}: переподключение…</translation>
    </message>
    <message>
        <source>{venue} connecting…</source>
        <translation>{venue}: подключение…</translation>
    </message>
    <message>
        <source>{venue} connection failed</source>
        <translation>{venue}: не удалось подключиться</translation>
    </message>
    <message>
        <source>{venue} logged out</source>
        <translation>{venue}: вход не выполнен</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Log in to {venue}</source>
        <translation>Вход в {venue}</translation>
    </message>
    <message>
        <source>Venue</source>
        <translation>Площадка</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>Логин</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Пароль</translation>
    </message>
    <message>
        <source>Remember me</source>
        <translation>Запомнить меня</translation>
    </message>
    <message>
        <source>Logging in…</source>
        <translation>Вход…</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Войти</translation>
    </message>
    <message>
        <source>Keep the password in the system keyring</source>
        <translation>Хранить пароль в системном хранилище ключей</translation>
    </message>
    <message>
        <source>Enter your login.</source>
        <translation>Введите логин.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Введите пароль.</translation>
    </message>
</context>
<context>
    <name>LoginViewModel</name>
    <message>
        <source>{venue} cannot be reached: {reason}</source>
        <translation>{venue} недоступна: {reason}</translation>
    </message>
    <message>
        <source>{venue} refused the login: {reason}</source>
        <translation>{venue} отклонила вход: {reason}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Layouts</source>
        <translation>Раскладки</translation>
    </message>
    <message>
        <source>Nothing to undo in the layout.</source>
        <translation>В раскладке нечего отменять.</translation>
    </message>
    <message>
        <source>Layout “{name}” saved.</source>
        <translation>Раскладка «{name}» сохранена.</translation>
    </message>
    <message>
        <source>Hint</source>
        <translation>Подсказка</translation>
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
</context>
<context>
    <name>MarketCatalog</name>
    <message>
        <source>The markets could not be loaded: {reason}</source>
        <translation>Не удалось загрузить рынки: {reason}</translation>
    </message>
    <message>
        <source>{symbol} ({exchange}) was not added to the favourites: {reason}</source>
        <translation>{symbol} ({exchange}) не добавлен в избранное: {reason}</translation>
    </message>
    <message>
        <source>{symbol} ({exchange}) was not removed from the favourites: {reason}</source>
        <translation>{symbol} ({exchange}) не удалён из избранного: {reason}</translation>
    </message>
</context>
<context>
    <name>MarketWatchPanel</name>
    <message>
        <source>Filter symbol or counterparty…</source>
        <translation>Фильтр по инструменту или контрагенту…</translation>
    </message>
    <message>
        <source>Remove from favourites</source>
        <translation>Убрать из избранного</translation>
    </message>
    <message>
        <source>Add to favourites</source>
        <translation>Добавить в избранное</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>Инструмент</translation>
    </message>
    <message>
        <source>{symbol} on {counterparty}: click to show it in the panels of this link colour</source>
        <translation>{symbol} на {counterparty}: щёлкните, чтобы показать его в панелях этого цвета связи</translation>
    </message>
    <message>
        <source>Bid</source>
        <translation>Бид</translation>
    </message>
    <message>
        <source>Ask</source>
        <translation>Аск</translation>
    </message>
    <message>
        <source>Last</source>
        <translation>Послед.</translation>
    </message>
    <message>
        <source>24h %</source>
        <translation>24ч %</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Объём</translation>
    </message>
</context>
<context>
    <name>MarketWatchViewModel</name>
    <message>
        <source>Favourites are kept by {venue}; {symbol} cannot be starred.</source>
        <translation>Избранное хранит {venue}; {symbol} нельзя отметить звёздочкой.</translation>
    </message>
    <message>
        <source>Stocks</source>
        <translation>Акции</translation>
    </message>
    <message>
        <source>Log in to {venue} to see its markets.</source>
        <translation>Войдите в {venue}, чтобы увидеть её рынки.</translation>
    </message>
    <message>
        <source>No favourites yet: click ☆ next to a symbol in the market watch.</source>
        <translation>Избранного пока нет: щёлкните ☆ рядом с инструментом в обзоре рынка.</translation>
    </message>
    <message>
        <source>Loading the markets…</source>
        <translation>Загрузка рынков…</translation>
    </message>
    <message>
        <source>No crypto venue is configured.</source>
        <translation>Криптоплощадка не настроена.</translation>
    </message>
</context>
<context>
    <name>NewStrategyDialog</name>
    <message>
        <source>New strategy from a template</source>
        <translation>Новая стратегия из шаблона</translation>
    </message>
    <message>
        <source>The venue&apos;s default settings for this strategy type</source>
        <translation>Настройки площадки по умолчанию для этого типа стратегии</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Шаблон</translation>
    </message>
    <message>
        <source>A name you will recognise</source>
        <translation>Название, по которому вы её узнаете</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>The counterparty the strategy trades on</source>
        <translation>Контрагент, на котором торгует стратегия</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>Биржа</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>Инструмент</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Создать</translation>
    </message>
    <message>
        <source>Base {base} · quote {quote}</source>
        <translation>Базовая {base} · котируемая {quote}</translation>
    </message>
</context>
<context>
    <name>NotLiveBanner</name>
    <message>
        <source>Not live: {reason}</source>
        <translation>Данные не обновляются: {reason}</translation>
    </message>
</context>
<context>
    <name>NotificationsView</name>
    <message>
        <source>Compose…</source>
        <translation>Написать…</translation>
    </message>
    <message>
        <source>Refresh delivery</source>
        <translation>Обновить доставку</translation>
    </message>
    <message>
        <source>Change expiration…</source>
        <translation>Изменить срок…</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Тема</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Кому</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Приоритет</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Отправлено</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Истекает</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Получатель</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Прочитано</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Подтверждено</translation>
    </message>
</context>
<context>
    <name>NotificationsViewModel</name>
    <message>
        <source>New notification</source>
        <translation>Новое уведомление</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Получатели</translation>
    </message>
    <message>
        <source>domain/login, comma separated (or choose all below)</source>
        <translation>домен/логин через запятую (или выберите всех ниже)</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Добавить</translation>
    </message>
    <message>
        <source>choose a client to add…</source>
        <translation>выберите клиента, чтобы добавить…</translation>
    </message>
    <message>
        <source>Or send to</source>
        <translation>Или отправить</translation>
    </message>
    <message>
        <source>only the recipients listed</source>
        <translation>только указанным получателям</translation>
    </message>
    <message>
        <source>all clients</source>
        <translation>всем клиентам</translation>
    </message>
    <message>
        <source>clients with a live account</source>
        <translation>клиентам с реальным счётом</translation>
    </message>
    <message>
        <source>clients with a demo account</source>
        <translation>клиентам с демо-счётом</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Приоритет</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Низкий</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Высокий</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Критический</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Тема</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Сообщение</translation>
    </message>
    <message>
        <source>Expires (UTC)</source>
        <translation>Истекает (UTC)</translation>
    </message>
    <message>
        <source>Must be acknowledged</source>
        <translation>Требует подтверждения</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Отправить</translation>
    </message>
    <message>
        <source>A UTC time as YYYY-MM-DD HH:MM.</source>
        <translation>Время UTC в виде ГГГГ-ММ-ДД ЧЧ:ММ.</translation>
    </message>
    <message>
        <source>The expiration must be in the future.</source>
        <translation>Срок должен быть в будущем.</translation>
    </message>
    <message>
        <source>Not a user: {entries} (write domain/login).</source>
        <translation>Не пользователь: {entries} (пишите домен/логин).</translation>
    </message>
    <message>
        <source>Name at least one recipient, or send to all.</source>
        <translation>Укажите хотя бы одного получателя или отправьте всем.</translation>
    </message>
    <message>
        <source>Write a subject.</source>
        <translation>Напишите тему.</translation>
    </message>
    <message>
        <source>At most {limit} characters ({count} now).</source>
        <translation>Не больше {limit} символов (сейчас {count}).</translation>
    </message>
    <message>
        <source>Write the message.</source>
        <translation>Напишите сообщение.</translation>
    </message>
    <message>
        <source>Notification {id} sent.</source>
        <translation>Уведомление {id} отправлено.</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>ещё нет</translation>
    </message>
    <message>
        <source>Expiration of {id}</source>
        <translation>Срок уведомления {id}</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Изменить</translation>
    </message>
    <message>
        <source>{id} now expires {time} UTC.</source>
        <translation>{id} теперь истекает {time} UTC.</translation>
    </message>
</context>
<context>
    <name>OrderBookPanel</name>
    <message>
        <source>Qty</source>
        <translation>Кол-во</translation>
    </message>
    <message>
        <source>Quantity of the orders a click places</source>
        <translation>Количество в заявках, выставляемых щелчком</translation>
    </message>
    <message>
        <source>1-click</source>
        <translation>1 клик</translation>
    </message>
    <message>
        <source>One-click trading: a click in the Bid or Ask column sends the order at once</source>
        <translation>Торговля в один клик: щелчок в колонке Бид или Аск сразу отправляет заявку</translation>
    </message>
    <message>
        <source>Centre</source>
        <translation>Центр</translation>
    </message>
    <message>
        <source>Centre the ladder on the spread (C)</source>
        <translation>Центрировать стакан по спреду (C)</translation>
    </message>
    <message>
        <source>⚠ ONE-CLICK TRADING IS ON — a click in Bid/Ask sends an order</source>
        <translation>⚠ ТОРГОВЛЯ В ОДИН КЛИК ВКЛЮЧЕНА — щелчок по Бид/Аск отправляет заявку</translation>
    </message>
    <message>
        <source>No instrument: pick one or link the panel</source>
        <translation>Нет инструмента: выберите его или свяжите панель</translation>
    </message>
    <message>
        <source>Spread {spread}</source>
        <translation>Спред {spread}</translation>
    </message>
    <message>
        <source>The book is empty on one side</source>
        <translation>Стакан пуст с одной стороны</translation>
    </message>
    <message>
        <source>Enter the quantity to trade</source>
        <translation>Введите количество для сделки</translation>
    </message>
</context>
<context>
    <name>OrderConfirmDialog</name>
    <message>
        <source>Don&apos;t ask again</source>
        <translation>Больше не спрашивать</translation>
    </message>
    <message>
        <source>You can turn the confirmation back on in the order ticket&apos;s menu</source>
        <translation>Подтверждение можно снова включить в меню панели «Заявка»</translation>
    </message>
</context>
<context>
    <name>OrderEntry</name>
    <message>
        <source>{side} {qty} {symbol}{price}: {status}</source>
        <translation>{side} {qty} {symbol}{price}: {status}</translation>
    </message>
    <message>
        <source>BUY</source>
        <translation>ПОКУПКА</translation>
    </message>
    <message>
        <source>SELL</source>
        <translation>ПРОДАЖА</translation>
    </message>
    <message>
        <source>Order rejected: {reason}</source>
        <translation>Заявка отклонена: {reason}</translation>
    </message>
    <message>
        <source>Order not sent: {reason}</source>
        <translation>Заявка не отправлена: {reason}</translation>
    </message>
    <message>
        <source>No answer from {venue}; checking whether the order was placed…</source>
        <translation>Нет ответа от {venue}; проверяем, выставлена ли заявка…</translation>
    </message>
    <message>
        <source>{venue} cannot be reached; the order stays unknown until it can be asked</source>
        <translation>{venue} недоступна; состояние заявки неизвестно, пока её нельзя запросить</translation>
    </message>
    <message>
        <source>The venue has the order: {state}</source>
        <translation>Заявка есть на площадке: {state}</translation>
    </message>
    <message>
        <source>The venue has no such order: it was not placed. Send it again if you still want it.</source>
        <translation>На площадке нет такой заявки: она не выставлена. Отправьте её снова, если она ещё нужна.</translation>
    </message>
    <message>
        <source>Cancel failed: {reason}</source>
        <translation>Снять не удалось: {reason}</translation>
    </message>
    <message>
        <source>Modify failed: {reason}</source>
        <translation>Изменить не удалось: {reason}</translation>
    </message>
</context>
<context>
    <name>OrderStatus</name>
    <message>
        <source>sending</source>
        <translation>отправляется</translation>
    </message>
    <message>
        <source>unknown (checking)</source>
        <translation>неизвестно (проверяется)</translation>
    </message>
    <message>
        <source>working</source>
        <translation>активна</translation>
    </message>
    <message>
        <source>partially filled</source>
        <translation>исполнена частично</translation>
    </message>
    <message>
        <source>filled</source>
        <translation>исполнена</translation>
    </message>
    <message>
        <source>canceling</source>
        <translation>снимается</translation>
    </message>
    <message>
        <source>canceled</source>
        <translation>снята</translation>
    </message>
    <message>
        <source>partially filled, rest canceled</source>
        <translation>исполнена частично, остаток снят</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>отклонена</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>истекла</translation>
    </message>
</context>
<context>
    <name>OrderTicketView</name>
    <message>
        <source>Buy</source>
        <translation>Купить</translation>
    </message>
    <message>
        <source>Sell</source>
        <translation>Продать</translation>
    </message>
    <message>
        <source>Short</source>
        <translation>Шорт</translation>
    </message>
    <message>
        <source>Cover</source>
        <translation>Закрыть шорт</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>Лимитная</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>Рыночная</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Стоп</translation>
    </message>
    <message>
        <source>Stop limit</source>
        <translation>Стоп-лимит</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>День</translation>
    </message>
    <message>
        <source>GTC</source>
        <translation>GTC</translation>
    </message>
    <message>
        <source>Send the order (Enter)</source>
        <translation>Отправить заявку (Enter)</translation>
    </message>
    <message>
        <source>Counterparty or market</source>
        <translation>Контрагент или рынок</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>Инструмент</translation>
    </message>
    <message>
        <source>Confirm orders before sending</source>
        <translation>Подтверждать заявки перед отправкой</translation>
    </message>
    <message>
        <source>Buy (F2)</source>
        <translation>Купить (F2)</translation>
    </message>
    <message>
        <source>Sell (F3)</source>
        <translation>Продать (F3)</translation>
    </message>
    <message>
        <source>Day: today only; GTC: until canceled</source>
        <translation>День: только сегодня; GTC: до отмены</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <source>Portfolio</source>
        <translation>Портфель</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Цена</translation>
    </message>
    <message>
        <source>shares</source>
        <translation>акций</translation>
    </message>
    <message>
        <source>lots</source>
        <translation>лотов</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Количество</translation>
    </message>
    <message>
        <source>{percent}% of what is available</source>
        <translation>{percent}% от доступного</translation>
    </message>
    <message>
        <source>Notional</source>
        <translation>Объём сделки</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Доступно</translation>
    </message>
    <message>
        <source>Waiting for the venue&apos;s answer to the last order</source>
        <translation>Ожидание ответа площадки на последнюю заявку</translation>
    </message>
    <message>
        <source>Not live: {reason}</source>
        <translation>Данные не обновляются: {reason}</translation>
    </message>
    <message>
        <source>{action} {quantity} {units} of {symbol}</source>
        <translation>{action} {quantity} {units} {symbol}</translation>
    </message>
    <message>
        <source>{kind}, at the best price available</source>
        <translation>{kind}, по лучшей доступной цене</translation>
    </message>
    <message>
        <source>{kind} at {price} {quote}</source>
        <translation>{kind} по {price} {quote}</translation>
    </message>
    <message>
        <source>{kind}: market order when the price reaches {stop} {quote}</source>
        <translation>{kind}: рыночная заявка, когда цена достигнет {stop} {quote}</translation>
    </message>
    <message>
        <source>{kind}: limit {price} when the price reaches {stop} {quote}</source>
        <translation>{kind}: лимит {price}, когда цена достигнет {stop} {quote}</translation>
    </message>
    <message>
        <source>Notional: {notional}</source>
        <translation>Объём сделки: {notional}</translation>
    </message>
    <message>
        <source>1 lot = {lot} shares</source>
        <translation>1 лот = {lot} акций</translation>
    </message>
    <message>
        <source>at market</source>
        <translation>по рынку</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Отправка…</translation>
    </message>
    <message>
        <source>Choose a symbol</source>
        <translation>Выберите инструмент</translation>
    </message>
    <message>
        <source>Enter a price</source>
        <translation>Введите цену</translation>
    </message>
    <message>
        <source>Enter a stop price</source>
        <translation>Введите стоп-цену</translation>
    </message>
    <message>
        <source>Enter a quantity</source>
        <translation>Введите количество</translation>
    </message>
    <message>
        <source>Choose a portfolio</source>
        <translation>Выберите портфель</translation>
    </message>
    <message>
        <source>Confirm order</source>
        <translation>Подтвердите заявку</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Отправить</translation>
    </message>
</context>
<context>
    <name>OrdersPanel</name>
    <message>
        <source>Active</source>
        <translation>Активные</translation>
    </message>
    <message>
        <source>History</source>
        <translation>История</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Снять</translation>
    </message>
    <message>
        <source>Cancel the selected orders (Delete)</source>
        <translation>Снять выбранные заявки (Delete)</translation>
    </message>
    <message>
        <source>Cancel all…</source>
        <translation>Снять все…</translation>
    </message>
    <message>
        <source>Cancel every active order on the venues you choose</source>
        <translation>Снять все активные заявки на выбранных площадках</translation>
    </message>
    <message>
        <source>Double-click a price or quantity to change it</source>
        <translation>Дважды щёлкните цену или количество, чтобы изменить</translation>
    </message>
    <message>
        <source>Cancel order</source>
        <translation>Снять заявку</translation>
    </message>
    <message>
        <source>Orders fetched from the venue at a time</source>
        <translation>Сколько заявок запрашивать у площадки за раз</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s)</source>
        <translation>
            <numerusform>%n заявка</numerusform>
            <numerusform>%n заявки</numerusform>
            <numerusform>%n заявок</numerusform>
        </translation>
    </message>
    <message>
        <source>Scroll down for older orders</source>
        <translation>Прокрутите вниз, чтобы загрузить более ранние заявки</translation>
    </message>
    <message>
        <source>Every order of the range is listed</source>
        <translation>Показаны все заявки за этот период</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>Загрузить</translation>
    </message>
    <message>
        <source>Load the orders of this time range</source>
        <translation>Загрузить заявки за этот период</translation>
    </message>
    <message>
        <source>From</source>
        <translation>С</translation>
    </message>
    <message>
        <source>To</source>
        <translation>По</translation>
    </message>
    <message>
        <source>No orders in this range</source>
        <translation>За этот период заявок нет</translation>
    </message>
    <message numerus="yes">
        <source>%n active</source>
        <translation>
            <numerusform>%n активная</numerusform>
            <numerusform>%n активные</numerusform>
            <numerusform>%n активных</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PagedList</name>
    <message>
        <source>Search</source>
        <translation>Найти</translation>
    </message>
    <message>
        <source>‹ Previous</source>
        <translation>‹ Назад</translation>
    </message>
    <message>
        <source>Next ›</source>
        <translation>Вперёд ›</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <source>Page {page} of {pages} · {total} records</source>
        <translation>Страница {page} из {pages} · записей: {total}</translation>
    </message>
</context>
<context>
    <name>PagedTable</name>
    <message>
        <source>Click {columns} to sort (the distributor sorts by these only).</source>
        <translation>Щёлкните по заголовку {columns}, чтобы отсортировать (дистрибьютор сортирует только по этим колонкам).</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>← Previous</source>
        <translation>← Назад</translation>
    </message>
    <message>
        <source>Next →</source>
        <translation>Вперёд →</translation>
    </message>
    <message>
        <source>Nothing yet.</source>
        <translation>Пока ничего нет.</translation>
    </message>
    <message>
        <source>Rows {first}–{last} of {total} (page {page} of {pages})</source>
        <translation>Строки {first}–{last} из {total} (страница {page} из {pages})</translation>
    </message>
</context>
<context>
    <name>Panels</name>
    <message>
        <source>Market watch</source>
        <translation>Обзор рынка</translation>
    </message>
    <message>
        <source>Favourites</source>
        <translation>Избранное</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>График</translation>
    </message>
    <message>
        <source>Order book</source>
        <translation>Стакан</translation>
    </message>
    <message>
        <source>Time and sales</source>
        <translation>Лента сделок</translation>
    </message>
    <message>
        <source>Order ticket</source>
        <translation>Заявка</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Заявки</translation>
    </message>
    <message>
        <source>Portfolio</source>
        <translation>Портфель</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Счета</translation>
    </message>
    <message>
        <source>Strategies</source>
        <translation>Стратегии</translation>
    </message>
    <message>
        <source>Journal</source>
        <translation>Журнал</translation>
    </message>
    <message>
        <source>Balances</source>
        <translation>Балансы</translation>
    </message>
    <message>
        <source>Slot 1</source>
        <translation>Слот 1</translation>
    </message>
    <message>
        <source>Slot 2</source>
        <translation>Слот 2</translation>
    </message>
    <message>
        <source>Slot 3</source>
        <translation>Слот 3</translation>
    </message>
    <message>
        <source>Quotes</source>
        <translation>Котировки</translation>
    </message>
</context>
<context>
    <name>PaperAccount</name>
    <message>
        <source>Your paper account cannot be kept in the profile&apos;s folder ({reason}); what you do on the demo venues is forgotten when Tessera closes.</source>
        <translation>Демо-счёт нельзя хранить в папке профиля ({reason}): всё, что вы делаете на демо-площадках, забудется при закрытии Tessera.</translation>
    </message>
    <message>
        <source>Your paper account could not be read and was set aside as {file}; a fresh paper account was started.</source>
        <translation>Не удалось прочитать демо-счёт, он отложен под именем {file}; начат новый демо-счёт.</translation>
    </message>
</context>
<context>
    <name>PaperAccountReset</name>
    <message>
        <source>Reset paper account…</source>
        <translation>Сбросить демо-счёт…</translation>
    </message>
    <message>
        <source>Reset paper account</source>
        <translation>Сброс демо-счёта</translation>
    </message>
    <message>
        <source>Reset the paper account of profile “{profile}”?</source>
        <translation>Сбросить демо-счёт профиля «{profile}»?</translation>
    </message>
    <message>
        <source>Its balances, orders and history, favourites, strategies and everything else kept at the simulated venues are deleted, and the venues start fresh. This cannot be undone.</source>
        <translation>Его балансы, заявки и история, избранное, стратегии и всё остальное, что хранится на симулированных площадках, будут удалены, и площадки начнут с чистого листа. Это нельзя отменить.</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Сбросить</translation>
    </message>
    <message>
        <source>Resetting the paper account…</source>
        <translation>Сброс демо-счёта…</translation>
    </message>
    <message>
        <source>The paper account could not be reset: {reason}</source>
        <translation>Не удалось сбросить демо-счёт: {reason}</translation>
    </message>
    <message>
        <source>The paper account of profile “{profile}” starts over.</source>
        <translation>Демо-счёт профиля «{profile}» начат заново.</translation>
    </message>
</context>
<context>
    <name>PortfolioPanel</name>
    <message>
        <source>Portfolio</source>
        <translation>Портфель</translation>
    </message>
</context>
<context>
    <name>PortfolioStatus</name>
    <message>
        <source>broker</source>
        <translation>брокер</translation>
    </message>
    <message>
        <source>trust management</source>
        <translation>доверительное управление</translation>
    </message>
    <message>
        <source>read only</source>
        <translation>только чтение</translation>
    </message>
    <message>
        <source>blocked</source>
        <translation>заблокирован</translation>
    </message>
    <message>
        <source>restricted</source>
        <translation>ограничен</translation>
    </message>
    <message>
        <source>auto-restricted</source>
        <translation>ограничен автоматически</translation>
    </message>
    <message>
        <source>orders not signed</source>
        <translation>заявки без подписи</translation>
    </message>
</context>
<context>
    <name>PortfolioViewModel</name>
    <message>
        <source>CHP is not configured</source>
        <translation>CHP не настроен</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>Инструмент</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Количество</translation>
    </message>
    <message>
        <source>Avg price</source>
        <translation>Ср. цена</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>Рынок</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Стоимость</translation>
    </message>
    <message>
        <source>P&amp;L</source>
        <translation>П/У</translation>
    </message>
    <message>
        <source>P&amp;L %</source>
        <translation>П/У %</translation>
    </message>
    <message>
        <source>Not connected to CHP</source>
        <translation>Нет подключения к CHP</translation>
    </message>
    <message>
        <source>Money</source>
        <translation>Деньги</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>Свободно</translation>
    </message>
    <message>
        <source>Positions</source>
        <translation>Позиции</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Итого</translation>
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
    <name>PublisherConsole</name>
    <message>
        <source>&amp;Publisher console…</source>
        <translation>&amp;Консоль издателя…</translation>
    </message>
    <message>
        <source>Aggregion refused: {message}</source>
        <translation>Aggregion отказал: {message}</translation>
    </message>
    <message>
        <source>Aggregion cannot be reached: {message}</source>
        <translation>Aggregion недоступен: {message}</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Вход…</translation>
    </message>
    <message>
        <source>published</source>
        <translation>опубликовано</translation>
    </message>
    <message>
        <source>not published</source>
        <translation>не опубликовано</translation>
    </message>
    <message>
        <source>Loading versions…</source>
        <translation>Загрузка версий…</translation>
    </message>
    <message>
        <source>The lease is revoked.</source>
        <translation>Аренда отозвана.</translation>
    </message>
    <message>
        <source>Revoking…</source>
        <translation>Отзыв…</translation>
    </message>
    <message>
        <source>“{title}” saved.</source>
        <translation>«{title}» сохранено.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Сохранение…</translation>
    </message>
    <message>
        <source>“{title}” is in the public catalog.</source>
        <translation>«{title}» в публичном каталоге.</translation>
    </message>
    <message>
        <source>“{title}” is no longer in the public catalog.</source>
        <translation>«{title}» больше нет в публичном каталоге.</translation>
    </message>
    <message>
        <source>Publishing…</source>
        <translation>Публикация…</translation>
    </message>
    <message>
        <source>Version {version} uploaded.</source>
        <translation>Версия {version} загружена.</translation>
    </message>
    <message>
        <source>Uploading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <source>Loading groups…</source>
        <translation>Загрузка групп…</translation>
    </message>
    <message numerus="yes">
        <source>“{title}” leased to %n user(s) until {date}.</source>
        <translation>
            <numerusform>«{title}» сдано в аренду %n пользователю до {date}.</numerusform>
            <numerusform>«{title}» сдано в аренду %n пользователям до {date}.</numerusform>
            <numerusform>«{title}» сдано в аренду %n пользователям до {date}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Leasing…</source>
        <translation>Сдача в аренду…</translation>
    </message>
</context>
<context>
    <name>PublisherDialog</name>
    <message>
        <source>Publisher console</source>
        <translation>Консоль издателя</translation>
    </message>
    <message>
        <source>Sign in as a publisher</source>
        <translation>Войти как издатель</translation>
    </message>
    <message>
        <source>Login:</source>
        <translation>Логин:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Пароль:</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Войти</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Seats</source>
        <translation>Места</translation>
    </message>
    <message>
        <source>New entry</source>
        <translation>Новая запись</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>Опубликовать</translation>
    </message>
    <message>
        <source>Unpublish</source>
        <translation>Снять с публикации</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Запись</translation>
    </message>
    <message>
        <source>layouts, scalping</source>
        <translation>раскладки, скальпинг</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>Название:</translation>
    </message>
    <message>
        <source>Title (Russian):</source>
        <translation>Название (по-русски):</translation>
    </message>
    <message>
        <source>Description:</source>
        <translation>Описание:</translation>
    </message>
    <message>
        <source>Description (Russian):</source>
        <translation>Описание (по-русски):</translation>
    </message>
    <message>
        <source>Tags:</source>
        <translation>Теги:</translation>
    </message>
    <message>
        <source>Platforms:</source>
        <translation>Платформы:</translation>
    </message>
    <message>
        <source>Seats per lease:</source>
        <translation>Мест на аренду:</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>Вид:</translation>
    </message>
    <message>
        <source>Save entry</source>
        <translation>Сохранить запись</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>Версии</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Обзор…</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Версия:</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Файл:</translation>
    </message>
    <message>
        <source>Upload version</source>
        <translation>Загрузить версию</translation>
    </message>
    <message>
        <source>Lease to users or groups</source>
        <translation>Аренда пользователям или группам</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Пользователям</translation>
    </message>
    <message>
        <source>Groups (every member)</source>
        <translation>Группам (всем участникам)</translation>
    </message>
    <message>
        <source>Lease to:</source>
        <translation>Кому сдать:</translation>
    </message>
    <message>
        <source>Ids:</source>
        <translation>Id:</translation>
    </message>
    <message>
        <source>user ids, separated by commas</source>
        <translation>id пользователей через запятую</translation>
    </message>
    <message>
        <source>Until:</source>
        <translation>До:</translation>
    </message>
    <message>
        <source>Lease</source>
        <translation>Сдать в аренду</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Пользователь</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>До</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Активные</translation>
    </message>
    <message>
        <source>Revoke lease…</source>
        <translation>Отозвать аренду…</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>№</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Отправитель</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Получатель</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>Содержимое</translation>
    </message>
    <message>
        <source>Invoice and notes</source>
        <translation>Накладная и примечания</translation>
    </message>
    <message>
        <source>Date (UTC)</source>
        <translation>Дата (UTC)</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Документ</translation>
    </message>
    <message>
        <source>From fund</source>
        <translation>Из фонда</translation>
    </message>
    <message>
        <source>To fund</source>
        <translation>В фонд</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Экземпляры</translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation>Каталог</translation>
    </message>
    <message>
        <source>Funds and items</source>
        <translation>Фонды и экземпляры</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Документы</translation>
    </message>
    <message>
        <source>Transactions</source>
        <translation>Транзакции</translation>
    </message>
    <message>
        <source>Publishing as {account}</source>
        <translation>Публикация от имени {account}</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>Enter your Aggregion login.</source>
        <translation>Введите логин Aggregion.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Введите пароль.</translation>
    </message>
    <message>
        <source>Bundle file</source>
        <translation>Файл пакета</translation>
    </message>
    <message>
        <source>group ids, separated by commas</source>
        <translation>id групп через запятую</translation>
    </message>
    <message>
        <source>Your groups — {groups}</source>
        <translation>Ваши группы — {groups}</translation>
    </message>
    <message>
        <source>Your accounts have no groups.</source>
        <translation>У ваших аккаунтов нет групп.</translation>
    </message>
    <message>
        <source>Revoke lease</source>
        <translation>Отозвать аренду</translation>
    </message>
    <message>
        <source>Revoke the lease of “{title}” to user {user} (until {until})? Its seats are freed and its licences are refused from now on.</source>
        <translation>Отозвать аренду «{title}» у пользователя {user} (до {until})? Её места освободятся, а лицензии с этого момента будут отклоняться.</translation>
    </message>
</context>
<context>
    <name>PublisherInventory</name>
    <message>
        <source>Loading funds…</source>
        <translation>Загрузка фондов…</translation>
    </message>
    <message>
        <source>Loading the fund&apos;s items…</source>
        <translation>Загрузка экземпляров фонда…</translation>
    </message>
    <message>
        <source>Choose a fund to see its items.</source>
        <translation>Выберите фонд, чтобы увидеть его экземпляры.</translation>
    </message>
    <message>
        <source>“{fund}” holds no items.</source>
        <translation>В «{fund}» нет экземпляров.</translation>
    </message>
    <message>
        <source>Items in “{fund}”:</source>
        <translation>Экземпляры в «{fund}»:</translation>
    </message>
    <message>
        <source>Fund “{name}” created.</source>
        <translation>Фонд «{name}» создан.</translation>
    </message>
    <message>
        <source>Creating the fund…</source>
        <translation>Создание фонда…</translation>
    </message>
    <message>
        <source>{count} item(s) of “{title}” created in “{fund}”.</source>
        <translation>В «{fund}» создано экземпляров «{title}»: {count}.</translation>
    </message>
    <message>
        <source>Creating items…</source>
        <translation>Создание экземпляров…</translation>
    </message>
    <message>
        <source>Moved to account {account} with invoice {invoice}: see it under Documents.</source>
        <translation>Перемещено в аккаунт {account} по накладной {invoice}: см. вкладку «Документы».</translation>
    </message>
    <message>
        <source>Moving items…</source>
        <translation>Перемещение экземпляров…</translation>
    </message>
    <message>
        <source>Loading documents…</source>
        <translation>Загрузка документов…</translation>
    </message>
    <message>
        <source>invoice</source>
        <translation>накладная</translation>
    </message>
    <message>
        <source>order</source>
        <translation>заказ</translation>
    </message>
    <message>
        <source>displacement</source>
        <translation>перемещение</translation>
    </message>
    <message>
        <source>new</source>
        <translation>новый</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>принят</translation>
    </message>
    <message>
        <source> ({days} days)</source>
        <translation> ({days} дн.)</translation>
    </message>
    <message>
        <source>Loading transactions…</source>
        <translation>Загрузка транзакций…</translation>
    </message>
</context>
<context>
    <name>QuickOrderPopover</name>
    <message>
        <source>Buy</source>
        <translation>Купить</translation>
    </message>
    <message>
        <source>Sell</source>
        <translation>Продать</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Количество</translation>
    </message>
    <message>
        <source>Limit price</source>
        <translation>Лимитная цена</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>{verb} now</source>
        <translation>{verb} сейчас</translation>
    </message>
    <message>
        <source>Enter the quantity</source>
        <translation>Введите количество</translation>
    </message>
    <message>
        <source>Enter the limit price</source>
        <translation>Введите лимитную цену</translation>
    </message>
</context>
<context>
    <name>QuoteTile</name>
    <message>
        <source>SELL
{price}</source>
        <translation>ПРОДАТЬ
{price}</translation>
    </message>
    <message>
        <source>BUY
{price}</source>
        <translation>КУПИТЬ
{price}</translation>
    </message>
    <message>
        <source>spread {spread}</source>
        <translation>спред {spread}</translation>
    </message>
</context>
<context>
    <name>QuotesPanel</name>
    <message>
        <source>Buy and Sell open a quick order to confirm; a click on a tile links it</source>
        <translation>«Купить»/«Продать» — быстрая заявка с подтверждением; щелчок по плитке связывает её</translation>
    </message>
</context>
<context>
    <name>RammIndicator</name>
    <message numerus="yes">
        <source>Rights re-read: %n method(s).</source>
        <translation>
            <numerusform>Права перечитаны: %n метод.</numerusform>
            <numerusform>Права перечитаны: %n метода.</numerusform>
            <numerusform>Права перечитаны: %n методов.</numerusform>
        </translation>
    </message>
    <message>
        <source>Logged in as {login} to {company}</source>
        <translation>Вход выполнен: {login} в {company}</translation>
    </message>
    <message>
        <source>Click to log in.</source>
        <translation>Щёлкните, чтобы войти.</translation>
    </message>
</context>
<context>
    <name>RammLoginDialog</name>
    <message>
        <source>Log in to RAMM</source>
        <translation>Вход в RAMM</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>Логин</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Пароль</translation>
    </message>
    <message>
        <source>found after the login is checked</source>
        <translation>определяется после проверки логина</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Компания</translation>
    </message>
    <message>
        <source>Required.</source>
        <translation>Обязательное поле.</translation>
    </message>
</context>
<context>
    <name>ReferenceView</name>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Категория</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>Новое значение</translation>
    </message>
    <message>
        <source>Add value</source>
        <translation>Добавить значение</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Подробности</translation>
    </message>
</context>
<context>
    <name>ReferenceViewModel</name>
    <message>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <source>in {ancestors}</source>
        <translation>в {ancestors}</translation>
    </message>
    <message>
        <source>Brokers and categories</source>
        <translation>Брокеры и категории</translation>
    </message>
    <message>
        <source>Client groups</source>
        <translation>Группы клиентов</translation>
    </message>
    <message>
        <source>{brokers} brokers, {groups} groups</source>
        <translation>Брокеров: {brokers}, групп: {groups}</translation>
    </message>
    <message>
        <source>Choose a broker and write the category and its new value.</source>
        <translation>Выберите брокера и укажите категорию и её новое значение.</translation>
    </message>
</context>
<context>
    <name>RenameForm</name>
    <message>
        <source>Rename strategy</source>
        <translation>Переименовать стратегию</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>up to 50 characters, unique</source>
        <translation>до 50 символов, уникальное</translation>
    </message>
</context>
<context>
    <name>RightsForm</name>
    <message>
        <source>Rights of {manager}</source>
        <translation>Права менеджера {manager}</translation>
    </message>
    <message>
        <source>You do not hold this right yourself.</source>
        <translation>У вас самого нет этого права.</translation>
    </message>
    <message>
        <source>Methods</source>
        <translation>Методы</translation>
    </message>
</context>
<context>
    <name>SessionIndicator</name>
    <message>
        <source>Logged in as {login}</source>
        <translation>Вход выполнен: {login}</translation>
    </message>
    <message>
        <source>Click to log in.</source>
        <translation>Щёлкните, чтобы войти.</translation>
    </message>
</context>
<context>
    <name>Sessions</name>
    <message>
        <source>{venue} ended the session: please log in again.</source>
        <translation>{venue} завершила сессию: войдите снова.</translation>
    </message>
</context>
<context>
    <name>SessionsView</name>
    <message>
        <source>Login</source>
        <translation>Логин</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>Домен</translation>
    </message>
    <message>
        <source>Password or token</source>
        <translation>Пароль или токен</translation>
    </message>
    <message>
        <source>User id</source>
        <translation>Id пользователя</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Токен</translation>
    </message>
    <message>
        <source>SSO token lifetime, s</source>
        <translation>Срок жизни SSO-токена, с</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Действия</translation>
    </message>
    <message>
        <source>Check login</source>
        <translation>Проверить логин</translation>
    </message>
    <message>
        <source>Generate SSO token</source>
        <translation>Создать SSO-токен</translation>
    </message>
    <message>
        <source>SSO token for my session</source>
        <translation>SSO-токен для моей сессии</translation>
    </message>
    <message>
        <source>Inspect token</source>
        <translation>Проверить токен</translation>
    </message>
    <message>
        <source>Log out by id…</source>
        <translation>Завершить по id…</translation>
    </message>
    <message>
        <source>Log out by login…</source>
        <translation>Завершить по логину…</translation>
    </message>
    <message>
        <source>Log out by token…</source>
        <translation>Завершить по токену…</translation>
    </message>
    <message>
        <source>Copy the token</source>
        <translation>Копировать токен</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Log out…</source>
        <translation>Завершить…</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>Менеджер</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Компания</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>С</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>Последняя активность</translation>
    </message>
    <message>
        <source>Expires after, min</source>
        <translation>Истекает через, мин</translation>
    </message>
</context>
<context>
    <name>SessionsViewModel</name>
    <message>
        <source>Enter the user&apos;s login.</source>
        <translation>Введите логин пользователя.</translation>
    </message>
    <message>
        <source>Enter the domain (e.g. default).</source>
        <translation>Введите домен (например, default).</translation>
    </message>
    <message>
        <source>Enter the password or an SSO token.</source>
        <translation>Введите пароль или SSO-токен.</translation>
    </message>
    <message>
        <source>Enter a token.</source>
        <translation>Введите токен.</translation>
    </message>
    <message>
        <source>Enter the user id (a number).</source>
        <translation>Введите id пользователя (число).</translation>
    </message>
    <message>
        <source>Asking the venue…</source>
        <translation>Запрос к площадке…</translation>
    </message>
    <message>
        <source>The password is right for {user}.</source>
        <translation>Пароль пользователя {user} верен.</translation>
    </message>
    <message>
        <source>user #{id}</source>
        <translation>пользователь №{id}</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Выйти</translation>
    </message>
    <message>
        <source>End every session of {user}?</source>
        <translation>Завершить все сессии пользователя {user}?</translation>
    </message>
    <message>
        <source>Seconds, 1 to 86400.</source>
        <translation>Секунды, от 1 до 86400.</translation>
    </message>
    <message>
        <source>Token made (in the Token field).</source>
        <translation>Токен создан (в поле «Токен»).</translation>
    </message>
    <message>
        <source>{user} (user #{id}), expires {time} UTC, serial {serial}.</source>
        <translation>{user} (пользователь №{id}), истекает {time} UTC, серийный номер {serial}.</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <source>Could not save your profile: {error}</source>
        <translation>Не удалось сохранить профиль: {error}</translation>
    </message>
    <message>
        <source>&amp;Venue</source>
        <translation>&amp;Площадка</translation>
    </message>
    <message>
        <source>Not in the demo simulator yet</source>
        <translation>В демо-симуляторе пока нет</translation>
    </message>
    <message>
        <source>Start here: log in from the Venue menu (or click a grey light below; the demo logs in by itself), click a symbol in the market watch to see its chart and order book, then enter an order in the order ticket. Ctrl+1 and Ctrl+2 switch to the professional and simple layouts.</source>
        <translation>С чего начать: войдите через меню «Площадка» (или щёлкните серый индикатор внизу; в демо вход выполняется сам), щёлкните инструмент в обзоре рынка, чтобы увидеть его график и стакан, затем введите заявку в панели «Заявка». Ctrl+1 и Ctrl+2 переключают на профессиональную и простую раскладки.</translation>
    </message>
    <message numerus="yes">
        <source>Your RAMM rights changed: %n method(s) now.</source>
        <translation>
            <numerusform>Ваши права в RAMM изменились: теперь %n метод.</numerusform>
            <numerusform>Ваши права в RAMM изменились: теперь %n метода.</numerusform>
            <numerusform>Ваши права в RAMM изменились: теперь %n методов.</numerusform>
        </translation>
    </message>
    <message>
        <source>{profile} (demo simulator)</source>
        <translation>{profile} (демо-симулятор)</translation>
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
    <name>Strategies</name>
    <message>
        <source>Stopped</source>
        <translation>Остановлена</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Запуск…</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Работает</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Остановка…</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Ошибка</translation>
    </message>
    <message>
        <source>Could not start “{name}”: {reason}</source>
        <translation>Не удалось запустить «{name}»: {reason}</translation>
    </message>
    <message>
        <source>Could not stop “{name}”: {reason}</source>
        <translation>Не удалось остановить «{name}»: {reason}</translation>
    </message>
</context>
<context>
    <name>StrategiesPanel</name>
    <message>
        <source>New from template…</source>
        <translation>Создать из шаблона…</translation>
    </message>
    <message>
        <source>Create a strategy from one of the venue&apos;s templates</source>
        <translation>Создать стратегию из шаблона площадки</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Запустить</translation>
    </message>
    <message>
        <source>Start the selected strategy at the venue</source>
        <translation>Запустить выбранную стратегию на площадке</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Остановить</translation>
    </message>
    <message>
        <source>Stop the strategy and cancel its orders</source>
        <translation>Остановить стратегию и снять её заявки</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>Оставить</translation>
    </message>
    <message>
        <source>Stop the strategy and leave its orders on the book</source>
        <translation>Остановить стратегию, оставив её заявки в стакане</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Удалить…</translation>
    </message>
    <message>
        <source>Delete the strategy at the venue</source>
        <translation>Удалить стратегию на площадке</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Скрыть</translation>
    </message>
    <message>
        <source>Delete strategy</source>
        <translation>Удалить стратегию</translation>
    </message>
    <message>
        <source>Delete the strategy “{name}” at the venue?</source>
        <translation>Удалить стратегию «{name}» на площадке?</translation>
    </message>
</context>
<context>
    <name>StrategyDetail</name>
    <message>
        <source>Select a strategy.</source>
        <translation>Выберите стратегию.</translation>
    </message>
    <message>
        <source>Yield, %</source>
        <translation>Доходность, %</translation>
    </message>
    <message>
        <source>Follower accounts</source>
        <translation>Счета подписчиков</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Счёт</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <source>Factor</source>
        <translation>Коэфф.</translation>
    </message>
    <message>
        <source>A-book</source>
        <translation>A-book</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Equity</source>
        <translation>Средства</translation>
    </message>
</context>
<context>
    <name>StrategyFields</name>
    <message>
        <source>Both sides</source>
        <translation>Обе стороны</translation>
    </message>
    <message>
        <source>Bids only</source>
        <translation>Только покупки</translation>
    </message>
    <message>
        <source>Asks only</source>
        <translation>Только продажи</translation>
    </message>
    <message>
        <source>Order size</source>
        <translation>Размер заявки</translation>
    </message>
    <message>
        <source>Quantity of each order, in the base currency</source>
        <translation>Количество в каждой заявке, в базовой валюте</translation>
    </message>
    <message>
        <source>Size variation</source>
        <translation>Разброс размера</translation>
    </message>
    <message>
        <source>Each order&apos;s size varies at random by up to ± this quantity</source>
        <translation>Размер каждой заявки случайно меняется не более чем на ± это количество</translation>
    </message>
    <message>
        <source>Price variation</source>
        <translation>Разброс цены</translation>
    </message>
    <message>
        <source>Each order&apos;s price varies at random by up to ± this much (quote currency)</source>
        <translation>Цена каждой заявки случайно меняется не более чем на ± эту величину (в котируемой валюте)</translation>
    </message>
    <message>
        <source>Centre price</source>
        <translation>Центральная цена</translation>
    </message>
    <message>
        <source>The price the orders are placed around; 0 follows the market mid</source>
        <translation>Цена, вокруг которой выставляются заявки; 0 — середина рынка</translation>
    </message>
    <message>
        <source>0 = market mid</source>
        <translation>0 = середина рынка</translation>
    </message>
    <message>
        <source>Base budget</source>
        <translation>Бюджет базовой валюты</translation>
    </message>
    <message>
        <source>The most of the base currency (currency1) the asks may commit together</source>
        <translation>Сколько базовой валюты (currency1) могут задействовать все продажи вместе</translation>
    </message>
    <message>
        <source>Quote budget</source>
        <translation>Бюджет котируемой валюты</translation>
    </message>
    <message>
        <source>The most of the quote currency (currency2) the bids may commit together</source>
        <translation>Сколько котируемой валюты (currency2) могут задействовать все покупки вместе</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Бюджет</translation>
    </message>
    <message>
        <source>Budget of the side that spends this currency</source>
        <translation>Бюджет стороны, которая тратит эту валюту</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Сторона</translation>
    </message>
    <message>
        <source>Quote both sides, bids only or asks only</source>
        <translation>Котировать обе стороны, только покупки или только продажи</translation>
    </message>
    <message>
        <source>Spread</source>
        <translation>Спред</translation>
    </message>
    <message>
        <source>Best bid to best ask, in percent of the centre price (sent as a fraction)</source>
        <translation>От лучшей покупки до лучшей продажи, в процентах от центральной цены (отправляется долей)</translation>
    </message>
    <message>
        <source>4 % is sent as 0.04</source>
        <translation>4 % отправляется как 0,04</translation>
    </message>
    <message>
        <source>Replace every</source>
        <translation>Переставлять каждые</translation>
    </message>
    <message>
        <source>Seconds between two replacements of the orders</source>
        <translation>Секунд между двумя перестановками заявок</translation>
    </message>
    <message>
        <source>Max order size</source>
        <translation>Макс. размер заявки</translation>
    </message>
    <message>
        <source>The largest single order</source>
        <translation>Самая крупная отдельная заявка</translation>
    </message>
    <message>
        <source>Parent index</source>
        <translation>Индекс родителя</translation>
    </message>
    <message>
        <source>Position of this entry&apos;s parent in the venue&apos;s strategy tree</source>
        <translation>Позиция родителя этой записи в дереве стратегий площадки</translation>
    </message>
    <message>
        <source>Order lifetime</source>
        <translation>Время жизни заявки</translation>
    </message>
    <message>
        <source>Seconds an unfilled order may live before it is replaced</source>
        <translation>Сколько секунд неисполненная заявка живёт до перестановки</translation>
    </message>
    <message>
        <source>Budget on {counterParty}</source>
        <translation>Бюджет на {counterParty}</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>Биржа</translation>
    </message>
    <message>
        <source>Counterparty of this budget</source>
        <translation>Контрагент этого бюджета</translation>
    </message>
    <message>
        <source>Currency 1</source>
        <translation>Валюта 1</translation>
    </message>
    <message>
        <source>First currency of the budget</source>
        <translation>Первая валюта бюджета</translation>
    </message>
    <message>
        <source>Budget 1</source>
        <translation>Бюджет 1</translation>
    </message>
    <message>
        <source>Amount of currency 1</source>
        <translation>Сумма в валюте 1</translation>
    </message>
    <message>
        <source>Currency 2</source>
        <translation>Валюта 2</translation>
    </message>
    <message>
        <source>Second currency of the budget</source>
        <translation>Вторая валюта бюджета</translation>
    </message>
    <message>
        <source>Budget 2</source>
        <translation>Бюджет 2</translation>
    </message>
    <message>
        <source>Amount of currency 2</source>
        <translation>Сумма в валюте 2</translation>
    </message>
    <message>
        <source>The side the maker quotes</source>
        <translation>Сторона, которую котирует маркет-мейкер</translation>
    </message>
    <message>
        <source>Maker exchange</source>
        <translation>Биржа мейкера</translation>
    </message>
    <message>
        <source>Where the strategy places its orders</source>
        <translation>Где стратегия выставляет заявки</translation>
    </message>
    <message>
        <source>Watched exchange</source>
        <translation>Отслеживаемая биржа</translation>
    </message>
    <message>
        <source>Whose prices the orders follow</source>
        <translation>Чьим ценам следуют заявки</translation>
    </message>
    <message>
        <source>Maker currency 1</source>
        <translation>Валюта мейкера 1</translation>
    </message>
    <message>
        <source>Base currency on the maker exchange</source>
        <translation>Базовая валюта на бирже мейкера</translation>
    </message>
    <message>
        <source>Maker currency 2</source>
        <translation>Валюта мейкера 2</translation>
    </message>
    <message>
        <source>Quote currency on the maker exchange</source>
        <translation>Котируемая валюта на бирже мейкера</translation>
    </message>
    <message>
        <source>Each order&apos;s price varies at random by up to ± this much</source>
        <translation>Цена каждой заявки случайно меняется не более чем на ± эту величину</translation>
    </message>
    <message>
        <source>Orders per side</source>
        <translation>Заявок на сторону</translation>
    </message>
    <message>
        <source>Levels of the ladder on each quoted side</source>
        <translation>Уровней лестницы на каждой котируемой стороне</translation>
    </message>
    <message>
        <source>Level step</source>
        <translation>Шаг уровня</translation>
    </message>
    <message>
        <source>Price distance between two levels of the ladder (quote currency)</source>
        <translation>Расстояние по цене между двумя уровнями лестницы (в котируемой валюте)</translation>
    </message>
    <message>
        <source>Centre step</source>
        <translation>Шаг центра</translation>
    </message>
    <message>
        <source>How far the centre moves at a time when the market leaves the band</source>
        <translation>На сколько за раз смещается центр, когда рынок выходит из коридора</translation>
    </message>
    <message>
        <source>0 = jump to the market</source>
        <translation>0 = сразу к рынку</translation>
    </message>
    <message>
        <source>Tolerance</source>
        <translation>Допуск</translation>
    </message>
    <message>
        <source>How far (percent) the market may drift before the centre moves</source>
        <translation>Насколько (в процентах) рынок может уйти, прежде чем центр сместится</translation>
    </message>
    <message>
        <source>Delay variation</source>
        <translation>Разброс задержки</translation>
    </message>
    <message>
        <source>The replacement delay varies at random by up to ± this many seconds</source>
        <translation>Задержка перестановки случайно меняется не более чем на ± столько секунд</translation>
    </message>
    <message>
        <source>Exchange 1</source>
        <translation>Биржа 1</translation>
    </message>
    <message>
        <source>First counterparty</source>
        <translation>Первый контрагент</translation>
    </message>
    <message>
        <source>Exchange 2</source>
        <translation>Биржа 2</translation>
    </message>
    <message>
        <source>Second counterparty</source>
        <translation>Второй контрагент</translation>
    </message>
    <message>
        <source>Buy spread</source>
        <translation>Спред покупки</translation>
    </message>
    <message>
        <source>Price gap that triggers a buy (as the venue takes it: the notes give no unit)</source>
        <translation>Разрыв цен, запускающий покупку (как его принимает площадка: единица в документации не указана)</translation>
    </message>
    <message>
        <source>Sell spread</source>
        <translation>Спред продажи</translation>
    </message>
    <message>
        <source>Price gap that triggers a sell (as the venue takes it: the notes give no unit)</source>
        <translation>Разрыв цен, запускающий продажу (как его принимает площадка: единица в документации не указана)</translation>
    </message>
    <message>
        <source>Where the three legs trade</source>
        <translation>Где торгуются три ноги</translation>
    </message>
    <message>
        <source>A leg of the triangle</source>
        <translation>Нога треугольника</translation>
    </message>
    <message>
        <source>Symbol 1</source>
        <translation>Инструмент 1</translation>
    </message>
    <message>
        <source>Symbol 2</source>
        <translation>Инструмент 2</translation>
    </message>
    <message>
        <source>Symbol 3</source>
        <translation>Инструмент 3</translation>
    </message>
    <message>
        <source>A currency of the triangle</source>
        <translation>Валюта треугольника</translation>
    </message>
    <message>
        <source>Currency 3</source>
        <translation>Валюта 3</translation>
    </message>
    <message>
        <source>The most of this currency the strategy may commit</source>
        <translation>Сколько этой валюты стратегия может задействовать</translation>
    </message>
    <message>
        <source>Budget 3</source>
        <translation>Бюджет 3</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Порог</translation>
    </message>
    <message>
        <source>Least gain of a round trip, in percent (sent as a fraction)</source>
        <translation>Минимальная прибыль круга, в процентах (отправляется долей)</translation>
    </message>
    <message>
        <source>Distance from the watched price, in percent (sent as a fraction)</source>
        <translation>Отступ от отслеживаемой цены, в процентах (отправляется долей)</translation>
    </message>
    <message>
        <source>Budget of maker currency 1</source>
        <translation>Бюджет валюты мейкера 1</translation>
    </message>
    <message>
        <source>Budget of maker currency 2</source>
        <translation>Бюджет валюты мейкера 2</translation>
    </message>
    <message>
        <source>Distance from the watched price, in the quote currency</source>
        <translation>Отступ от отслеживаемой цены, в котируемой валюте</translation>
    </message>
    <message>
        <source>Quote exchange</source>
        <translation>Биржа котировки</translation>
    </message>
    <message>
        <source>Where the quote currency&apos;s price comes from</source>
        <translation>Откуда берётся цена котируемой валюты</translation>
    </message>
    <message>
        <source>The side the orders are placed on</source>
        <translation>Сторона, на которой выставляются заявки</translation>
    </message>
    <message>
        <source>Base price</source>
        <translation>Базовая цена</translation>
    </message>
    <message>
        <source>Price of the first order</source>
        <translation>Цена первой заявки</translation>
    </message>
    <message>
        <source>Price step</source>
        <translation>Шаг цены</translation>
    </message>
    <message>
        <source>Distance between two orders</source>
        <translation>Расстояние между двумя заявками</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Заявок</translation>
    </message>
    <message>
        <source>How many orders to place</source>
        <translation>Сколько заявок выставить</translation>
    </message>
</context>
<context>
    <name>StrategyForm</name>
    <message>
        <source>Not a number</source>
        <translation>Не число</translation>
    </message>
    <message>
        <source>Enter a value</source>
        <translation>Введите значение</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Вернуть</translation>
    </message>
    <message>
        <source>Discard your changes</source>
        <translation>Отменить ваши изменения</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <source>Save the strategy at the venue</source>
        <translation>Сохранить стратегию на площадке</translation>
    </message>
    <message>
        <source>Select a strategy, or create one from a template.</source>
        <translation>Выберите стратегию или создайте её из шаблона.</translation>
    </message>
    <message numerus="yes">
        <source>%n field(s) to correct</source>
        <translation>
            <numerusform>%n поле нужно исправить</numerusform>
            <numerusform>%n поля нужно исправить</numerusform>
            <numerusform>%n полей нужно исправить</numerusform>
        </translation>
    </message>
    <message>
        <source>New strategy</source>
        <translation>Новая стратегия</translation>
    </message>
    <message>
        <source>Client ID</source>
        <translation>ID клиента</translation>
    </message>
    <message>
        <source>the trader (a client of the company)</source>
        <translation>трейдер (клиент компании)</translation>
    </message>
    <message>
        <source>Wallet ID</source>
        <translation>ID кошелька</translation>
    </message>
    <message>
        <source>a wallet of that client</source>
        <translation>кошелёк этого клиента</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>up to 50 characters, unique</source>
        <translation>до 50 символов, уникальное</translation>
    </message>
    <message>
        <source>Money, USD</source>
        <translation>Деньги, USD</translation>
    </message>
    <message>
        <source>&gt; 0, 2 decimals, from the wallet</source>
        <translation>&gt; 0, 2 знака после запятой, из кошелька</translation>
    </message>
    <message>
        <source>Performance fee</source>
        <translation>Вознаграждение за результат</translation>
    </message>
    <message>
        <source>0 to 1, 2 decimals (0.2 = 20 %)</source>
        <translation>от 0 до 1, 2 знака после запятой (0,2 = 20 %)</translation>
    </message>
    <message>
        <source>Protection</source>
        <translation>Защита</translation>
    </message>
    <message>
        <source>0 to 1 (1 excluded), 3 decimals</source>
        <translation>от 0 до 1 (не включая 1), 3 знака после запятой</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Цель</translation>
    </message>
    <message>
        <source>&gt; 0 or empty</source>
        <translation>&gt; 0 или пусто</translation>
    </message>
    <message>
        <source>Commission</source>
        <translation>Комиссия</translation>
    </message>
    <message>
        <source>USD per 1M USD turnover, &gt;= 0</source>
        <translation>USD на 1 млн USD оборота, &gt;= 0</translation>
    </message>
</context>
<context>
    <name>StrategyManager</name>
    <message>
        <source>Strategy manager…</source>
        <translation>Менеджер стратегий…</translation>
    </message>
</context>
<context>
    <name>StrategyManagerViewModel</name>
    <message>
        <source>The strategy ID</source>
        <translation>ID стратегии</translation>
    </message>
    <message>
        <source>The client ID</source>
        <translation>ID клиента</translation>
    </message>
    <message>
        <source>The wallet ID</source>
        <translation>ID кошелька</translation>
    </message>
    <message>
        <source>Logged in as {login} to {company}.</source>
        <translation>Вход выполнен: {login} в {company}.</translation>
    </message>
    <message>
        <source>Logging in…</source>
        <translation>Вход…</translation>
    </message>
    <message>
        <source>Not logged in to RAMM.</source>
        <translation>Вход в RAMM не выполнен.</translation>
    </message>
    <message>
        <source>This login has no company to enter.</source>
        <translation>У этого логина нет компании для входа.</translation>
    </message>
    <message>
        <source> (demo)</source>
        <translation> (демо)</translation>
    </message>
    <message>
        <source>{name} (#{id}), yours</source>
        <translation>{name} (№{id}), ваша</translation>
    </message>
    <message>
        <source>{name} (#{id}) is traded by {trader}; only your own strategies can be linked.</source>
        <translation>{name} (№{id}) торгует {trader}; связать можно только свои стратегии.</translation>
    </message>
    <message>
        <source>Symbols: {shares}</source>
        <translation>Инструменты: {shares}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>The name is free.</source>
        <translation>Название свободно.</translation>
    </message>
    <message>
        <source>A strategy with this name exists.</source>
        <translation>Стратегия с таким названием уже есть.</translation>
    </message>
    <message numerus="yes">
        <source>Your RAMM rights changed (%n method(s)); the lists are read again.</source>
        <translation>
            <numerusform>Ваши права в RAMM изменились (%n метод); списки перечитываются.</numerusform>
            <numerusform>Ваши права в RAMM изменились (%n метода); списки перечитываются.</numerusform>
            <numerusform>Ваши права в RAMM изменились (%n методов); списки перечитываются.</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; (#{id}) · {status} · trader {trader}&lt;br&gt;Equity {equity} USD · yield {yld} % · {followers} followers · performance fee {fee} %</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; (№{id}) · {status} · трейдер {trader}&lt;br&gt;Средства {equity} USD · доходность {yld} % · подписчиков: {followers} · вознаграждение за результат {fee} %</translation>
    </message>
    <message>
        <source>Must not be negative.</source>
        <translation>Не может быть отрицательным.</translation>
    </message>
    <message>
        <source>Strategy “{name}” created (#{id}).</source>
        <translation>Стратегия «{name}» создана (№{id}).</translation>
    </message>
    <message>
        <source>Select the strategy to rename.</source>
        <translation>Выберите стратегию для переименования.</translation>
    </message>
    <message>
        <source>Select the strategy to close.</source>
        <translation>Выберите стратегию для закрытия.</translation>
    </message>
    <message>
        <source>Close strategy “{name}” (#{id})?

Every account following it ({n}) is closed: their positions are closed at market, the performance fee is charged and the rest goes back to the wallets. This cannot be undone.</source>
        <translation>Закрыть стратегию «{name}» (№{id})?

Все счета подписчиков ({n}) будут закрыты: их позиции закроются по рынку, будет удержано вознаграждение за результат, а остаток вернётся в кошельки. Это нельзя отменить.</translation>
    </message>
    <message>
        <source>Close strategy</source>
        <translation>Закрыть стратегию</translation>
    </message>
    <message>
        <source>&lt;b&gt;Account #{id}&lt;/b&gt; · strategy {strategy} · {state}</source>
        <translation>&lt;b&gt;Счёт №{id}&lt;/b&gt; · стратегия {strategy} · {state}</translation>
    </message>
    <message>
        <source>Factor {factor} · A-book {abook} · protection {protection} · target {target}</source>
        <translation>Коэффициент {factor} · A-book {abook} · защита {protection} · цель {target}</translation>
    </message>
    <message>
        <source>Select an account first.</source>
        <translation>Сначала выберите счёт.</translation>
    </message>
    <message>
        <source>Pause account</source>
        <translation>Приостановить счёт</translation>
    </message>
    <message numerus="yes">
        <source>Pause account #{id}?

Its %n open position(s) ({held}) are closed at market now, and it stops copying the strategy until resumed.</source>
        <translation>
            <numerusform>Приостановить счёт №{id}?

Его %n открытая позиция ({held}) сейчас будет закрыта по рынку, и счёт перестанет копировать стратегию до возобновления.</numerusform>
            <numerusform>Приостановить счёт №{id}?

Его %n открытые позиции ({held}) сейчас будут закрыты по рынку, и счёт перестанет копировать стратегию до возобновления.</numerusform>
            <numerusform>Приостановить счёт №{id}?

Его %n открытых позиций ({held}) сейчас будут закрыты по рынку, и счёт перестанет копировать стратегию до возобновления.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Resume account #{id}?

The strategy&apos;s current positions are opened at market in it, times its factor, and it copies the strategy again. (It holds %n position(s) now: {held}.)</source>
        <translation>
            <numerusform>Возобновить счёт №{id}?

Текущие позиции стратегии будут открыты в нём по рынку, умноженные на его коэффициент, и счёт снова будет копировать стратегию. (Сейчас в нём %n позиция: {held}.)</numerusform>
            <numerusform>Возобновить счёт №{id}?

Текущие позиции стратегии будут открыты в нём по рынку, умноженные на его коэффициент, и счёт снова будет копировать стратегию. (Сейчас в нём %n позиции: {held}.)</numerusform>
            <numerusform>Возобновить счёт №{id}?

Текущие позиции стратегии будут открыты в нём по рынку, умноженные на его коэффициент, и счёт снова будет копировать стратегию. (Сейчас в нём %n позиций: {held}.)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Close account #{id}?

Its %n open position(s) ({held}) are closed at market, the performance fee is charged and the rest goes back to the wallet. This cannot be undone.</source>
        <translation>
            <numerusform>Закрыть счёт №{id}?

Его %n открытая позиция будет закрыта ({held}) по рынку, будет удержано вознаграждение за результат, а остаток вернётся в кошелёк. Это нельзя отменить.</numerusform>
            <numerusform>Закрыть счёт №{id}?

Его %n открытые позиции будут закрыты ({held}) по рынку, будет удержано вознаграждение за результат, а остаток вернётся в кошелёк. Это нельзя отменить.</numerusform>
            <numerusform>Закрыть счёт №{id}?

Его %n открытых позиций будут закрыты ({held}) по рынку, будет удержано вознаграждение за результат, а остаток вернётся в кошелёк. Это нельзя отменить.</numerusform>
        </translation>
    </message>
    <message>
        <source>Account #{id} opened: client {client} follows strategy #{strategy}.</source>
        <translation>Счёт №{id} открыт: клиент {client} подписан на стратегию №{strategy}.</translation>
    </message>
    <message>
        <source>An e-mail address, e.g. name@example.com.</source>
        <translation>Адрес e-mail, например name@example.com.</translation>
    </message>
    <message>
        <source>A phone number: + and digits.</source>
        <translation>Номер телефона: + и цифры.</translation>
    </message>
    <message>
        <source>Two letters (ISO 639-1), e.g. en.</source>
        <translation>Две буквы (ISO 639-1), например en.</translation>
    </message>
    <message>
        <source>Client {login} added (#{id}) with wallet #{wallet}.</source>
        <translation>Клиент {login} добавлен (№{id}) с кошельком №{wallet}.</translation>
    </message>
    <message>
        <source>Select the manager whose rights to set.</source>
        <translation>Выберите менеджера, чьи права нужно задать.</translation>
    </message>
    <message>
        <source>Log in to CHP or coin-weight first: their accounts are the ones to link.</source>
        <translation>Сначала войдите в CHP или coin-weight: связывать можно именно их счета.</translation>
    </message>
    <message>
        <source>Resume account</source>
        <translation>Возобновить счёт</translation>
    </message>
    <message>
        <source>Close account</source>
        <translation>Закрыть счёт</translation>
    </message>
    <message>
        <source>Rights of manager #{id} ({n}): {methods}</source>
        <translation>Права менеджера №{id} ({n}): {methods}</translation>
    </message>
    <message>
        <source>Select the session to end.</source>
        <translation>Выберите сессию для завершения.</translation>
    </message>
    <message>
        <source>Log {login} out?

Every session of this manager ends; they have to log in again.</source>
        <translation>Завершить сессии {login}?

Все сессии этого менеджера завершатся; ему придётся войти снова.</translation>
    </message>
    <message>
        <source>End session</source>
        <translation>Завершить сессию</translation>
    </message>
    <message>
        <source>CHP</source>
        <translation>CHP</translation>
    </message>
    <message>
        <source>Coin-weight</source>
        <translation>Coin-weight</translation>
    </message>
    <message>
        <source>Select a strategy you own in the Strategies list first.</source>
        <translation>Сначала выберите свою стратегию в списке «Стратегии».</translation>
    </message>
    <message>
        <source>Not linked.</source>
        <translation>Не связано.</translation>
    </message>
    <message>
        <source>{name} (#{id}) follows {venue} {account}: each change of its net positions is a signal.</source>
        <translation>{name} (№{id}) следует за {venue} {account}: каждое изменение его нетто-позиций — сигнал.</translation>
    </message>
    <message>
        <source>all flat</source>
        <translation>позиций нет</translation>
    </message>
    <message>
        <source>sync: {symbols}</source>
        <translation>синхронизация: {symbols}</translation>
    </message>
</context>
<context>
    <name>StrategyManagerWindow</name>
    <message>
        <source>Strategy manager — RAMM</source>
        <translation>Менеджер стратегий — RAMM</translation>
    </message>
    <message>
        <source>Log in…</source>
        <translation>Войти…</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Выйти</translation>
    </message>
    <message>
        <source>Select a manager to see their rights.</source>
        <translation>Выберите менеджера, чтобы увидеть его права.</translation>
    </message>
</context>
<context>
    <name>TapeModel</name>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Цена</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Объём</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Операция</translation>
    </message>
    <message>
        <source>Buy</source>
        <translation>Покупка</translation>
    </message>
    <message>
        <source>Sell</source>
        <translation>Продажа</translation>
    </message>
</context>
<context>
    <name>TicketShortcuts</name>
    <message>
        <source>Order ticket: buy</source>
        <translation>Заявка: покупка</translation>
    </message>
    <message>
        <source>Order ticket: sell</source>
        <translation>Заявка: продажа</translation>
    </message>
</context>
<context>
    <name>TimeSalesViewModel</name>
    <message>
        <source>Pick a symbol</source>
        <translation>Выберите инструмент</translation>
    </message>
    <message>
        <source>Not connected to {venue}</source>
        <translation>Нет подключения к {venue}</translation>
    </message>
    <message>
        <source>{venue} publishes no prints</source>
        <translation>{venue} не публикует сделки</translation>
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
    <name>TransferForm</name>
    <message>
        <source>New transfer</source>
        <translation>Новый перевод</translation>
    </message>
    <message>
        <source>Wallet ID</source>
        <translation>ID кошелька</translation>
    </message>
    <message>
        <source>the wallet to move money in or out of</source>
        <translation>кошелёк для зачисления или списания</translation>
    </message>
    <message>
        <source>Fund</source>
        <translation>Зачисление</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>Списание</translation>
    </message>
    <message>
        <source>Bonus fund</source>
        <translation>Зачисление бонуса</translation>
    </message>
    <message>
        <source>Bonus withdraw</source>
        <translation>Списание бонуса</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <source>Amount, USD</source>
        <translation>Сумма, USD</translation>
    </message>
    <message>
        <source>&gt; 0, 2 decimals</source>
        <translation>&gt; 0, 2 знака после запятой</translation>
    </message>
    <message>
        <source>Comment to the client</source>
        <translation>Комментарий для клиента</translation>
    </message>
    <message>
        <source>Comment for the company</source>
        <translation>Комментарий для компании</translation>
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
<context>
    <name>VenueAccess</name>
    <message>
        <source>&amp;Venue</source>
        <translation>&amp;Площадка</translation>
    </message>
    <message>
        <source>Logged in to {venue} as {login}.</source>
        <translation>Вход в {venue} выполнен: {login}.</translation>
    </message>
    <message>
        <source>{venue} ended the session; logging in again…</source>
        <translation>{venue} завершила сессию; повторный вход…</translation>
    </message>
    <message>
        <source>{venue} ended the session; logged in again as {login}.</source>
        <translation>{venue} завершила сессию; повторный вход выполнен: {login}.</translation>
    </message>
    <message>
        <source>Log in to {venue} to manage its API keys.</source>
        <translation>Войдите в {venue}, чтобы управлять её API-ключами.</translation>
    </message>
    <message>
        <source>Log in to {venue}…</source>
        <translation>Войти в {venue}…</translation>
    </message>
    <message>
        <source>Log out of {venue}</source>
        <translation>Выйти из {venue}</translation>
    </message>
    <message>
        <source>{venue} API keys…</source>
        <translation>API-ключи {venue}…</translation>
    </message>
</context>
<context>
    <name>ramm</name>
    <message>
        <source>not activated</source>
        <translation>не активирована</translation>
    </message>
    <message>
        <source>active</source>
        <translation>активен</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>приостановлен</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>отключён</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>закрыт</translation>
    </message>
    <message>
        <source>fund</source>
        <translation>зачисление</translation>
    </message>
    <message>
        <source>withdraw</source>
        <translation>списание</translation>
    </message>
    <message>
        <source>bonus fund</source>
        <translation>зачисление бонуса</translation>
    </message>
    <message>
        <source>bonus withdraw</source>
        <translation>списание бонуса</translation>
    </message>
    <message>
        <source>to account</source>
        <translation>на счёт</translation>
    </message>
    <message>
        <source>from account</source>
        <translation>со счёта</translation>
    </message>
    <message>
        <source>fee</source>
        <translation>вознаграждение</translation>
    </message>
    <message>
        <source>commission</source>
        <translation>комиссия</translation>
    </message>
    <message>
        <source>partners</source>
        <translation>партнёрам</translation>
    </message>
    <message>
        <source>new</source>
        <translation>новый</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>ок</translation>
    </message>
    <message>
        <source>reject</source>
        <translation>отклонён</translation>
    </message>
    <message>
        <source>error</source>
        <translation>ошибка</translation>
    </message>
    <message>
        <source>currency</source>
        <translation>валюта</translation>
    </message>
    <message>
        <source>metal</source>
        <translation>металл</translation>
    </message>
    <message>
        <source>share</source>
        <translation>акция</translation>
    </message>
    <message>
        <source>cryptocurrency</source>
        <translation>криптовалюта</translation>
    </message>
    <message>
        <source>disabled temporarily</source>
        <translation>временно отключён</translation>
    </message>
    <message>
        <source>disabled hidden</source>
        <translation>отключён и скрыт</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>удалён</translation>
    </message>
    <message>
        <source>real security</source>
        <translation>реальный, ценные бумаги</translation>
    </message>
    <message>
        <source>virtual master</source>
        <translation>виртуальный мастер</translation>
    </message>
    <message>
        <source>real internal</source>
        <translation>реальный внутренний</translation>
    </message>
    <message>
        <source>real external</source>
        <translation>реальный внешний</translation>
    </message>
    <message>
        <source>margin call</source>
        <translation>маржин-колл</translation>
    </message>
    <message>
        <source>protection target</source>
        <translation>защита/цель</translation>
    </message>
    <message>
        <source>pause</source>
        <translation>пауза</translation>
    </message>
    <message>
        <source>unused</source>
        <translation>не используется</translation>
    </message>
    <message>
        <source>active no positions</source>
        <translation>активен, без позиций</translation>
    </message>
    <message>
        <source>active with positions</source>
        <translation>активен, с позициями</translation>
    </message>
    <message>
        <source>margin call with positions</source>
        <translation>маржин-колл, с позициями</translation>
    </message>
    <message>
        <source>margin call no positions</source>
        <translation>маржин-колл, без позиций</translation>
    </message>
    <message>
        <source>protection with positions</source>
        <translation>защита, с позициями</translation>
    </message>
    <message>
        <source>protection no positions</source>
        <translation>защита, без позиций</translation>
    </message>
    <message>
        <source>target with positions</source>
        <translation>цель, с позициями</translation>
    </message>
    <message>
        <source>target no positions</source>
        <translation>цель, без позиций</translation>
    </message>
    <message>
        <source>pause with positions</source>
        <translation>пауза, с позициями</translation>
    </message>
    <message>
        <source>pause no positions</source>
        <translation>пауза, без позиций</translation>
    </message>
    <message>
        <source>disabled with positions</source>
        <translation>отключён, с позициями</translation>
    </message>
    <message>
        <source>disabled no positions</source>
        <translation>отключён, без позиций</translation>
    </message>
    <message>
        <source>closed with positions</source>
        <translation>закрыт, с позициями</translation>
    </message>
    <message>
        <source>closed no positions</source>
        <translation>закрыт, без позиций</translation>
    </message>
    <message>
        <source>buy</source>
        <translation>покупка</translation>
    </message>
    <message>
        <source>sell</source>
        <translation>продажа</translation>
    </message>
    <message>
        <source>balance</source>
        <translation>баланс</translation>
    </message>
    <message>
        <source>credit</source>
        <translation>кредит</translation>
    </message>
    <message>
        <source>additional charge</source>
        <translation>доп. начисление</translation>
    </message>
    <message>
        <source>correction</source>
        <translation>корректировка</translation>
    </message>
    <message>
        <source>bonus</source>
        <translation>бонус</translation>
    </message>
    <message>
        <source>dividend</source>
        <translation>дивиденд</translation>
    </message>
    <message>
        <source>interest</source>
        <translation>проценты</translation>
    </message>
    <message>
        <source>cancelled buy</source>
        <translation>отменённая покупка</translation>
    </message>
    <message>
        <source>cancelled sell</source>
        <translation>отменённая продажа</translation>
    </message>
    <message>
        <source>periodical commission</source>
        <translation>периодическая комиссия</translation>
    </message>
    <message>
        <source>zero total order</source>
        <translation>заявка с нулевым итогом</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>отправляется</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>отправлен</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>неизвестно</translation>
    </message>
    <message>
        <source>not delivered</source>
        <translation>не доставлен</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>отказано</translation>
    </message>
</context>
<context>
    <name>services</name>
    <message>
        <source>choose an account first (DS needs the X-Account header)</source>
        <translation>сначала выберите аккаунт (DS нужен заголовок X-Account)</translation>
    </message>
    <message>
        <source>The quantity is from 1 to {limit}.</source>
        <translation>Количество — от 1 до {limit}.</translation>
    </message>
    <message>
        <source>The quantity is a whole number.</source>
        <translation>Количество — целое число.</translation>
    </message>
    <message>
        <source>Enter a title.</source>
        <translation>Введите название.</translation>
    </message>
    <message>
        <source>A title is at most 120 characters.</source>
        <translation>Название — не длиннее 120 символов.</translation>
    </message>
    <message>
        <source>Enter a description.</source>
        <translation>Введите описание.</translation>
    </message>
    <message>
        <source>Tags are lower-case letters, digits and &apos;-&apos;, separated by commas: not {tag!r}.</source>
        <translation>Теги — строчные буквы, цифры и «-», через запятую: {tag!r} не подходит.</translation>
    </message>
    <message>
        <source>Choose at least one platform.</source>
        <translation>Выберите хотя бы одну платформу.</translation>
    </message>
    <message>
        <source>Seats per lease is from 1 to {limit}.</source>
        <translation>Мест на аренду — от 1 до {limit}.</translation>
    </message>
    <message>
        <source>Choose what kind of add-on this is.</source>
        <translation>Выберите вид дополнения.</translation>
    </message>
    <message>
        <source>A version looks like 1.2.0.</source>
        <translation>Версия записывается как 1.2.0.</translation>
    </message>
    <message>
        <source>Version {version} is uploaded already.</source>
        <translation>Версия {version} уже загружена.</translation>
    </message>
    <message>
        <source>Choose the bundle file.</source>
        <translation>Выберите файл пакета.</translation>
    </message>
    <message>
        <source>The file cannot be read.</source>
        <translation>Файл не удаётся прочитать.</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>Файл пуст.</translation>
    </message>
    <message>
        <source>A bundle is at most 50 MB.</source>
        <translation>Пакет — не больше 50 МБ.</translation>
    </message>
    <message>
        <source>Enter the group id to lease to.</source>
        <translation>Введите id группы, которой сдаётся аренда.</translation>
    </message>
    <message>
        <source>Enter the user id to lease to.</source>
        <translation>Введите id пользователя, которому сдаётся аренда.</translation>
    </message>
    <message>
        <source>A group id is 24 hexadecimal characters: not {id!r}.</source>
        <translation>Id группы — 24 шестнадцатеричных символа: {id!r} не подходит.</translation>
    </message>
    <message>
        <source>A user id is 24 hexadecimal characters: not {id!r}.</source>
        <translation>Id пользователя — 24 шестнадцатеричных символа: {id!r} не подходит.</translation>
    </message>
    <message>
        <source>Enter the fund&apos;s name.</source>
        <translation>Введите название фонда.</translation>
    </message>
    <message>
        <source>A fund&apos;s name is at most 80 characters.</source>
        <translation>Название фонда — не длиннее 80 символов.</translation>
    </message>
    <message>
        <source>There is a fund named “{name}” already.</source>
        <translation>Фонд «{name}» уже есть.</translation>
    </message>
    <message>
        <source>Choose the fund in the list first.</source>
        <translation>Сначала выберите фонд в списке.</translation>
    </message>
    <message>
        <source>Choose the catalog entry.</source>
        <translation>Выберите запись каталога.</translation>
    </message>
    <message>
        <source>The items must expire in the future.</source>
        <translation>Срок экземпляров должен истекать в будущем.</translation>
    </message>
    <message>
        <source>Enter the id of the account that receives the items.</source>
        <translation>Введите id аккаунта, который получит экземпляры.</translation>
    </message>
    <message>
        <source>An account id is 24 hexadecimal characters: not {account!r}.</source>
        <translation>Id аккаунта — 24 шестнадцатеричных символа: {account!r} не подходит.</translation>
    </message>
    <message>
        <source>Enter the invoice&apos;s number.</source>
        <translation>Введите номер накладной.</translation>
    </message>
    <message>
        <source>This is too long (invoice number: 64, note: 500 characters).</source>
        <translation>Слишком длинно (номер накладной — до 64 символов, примечание — до 500).</translation>
    </message>
    <message>
        <source>Enter your Aggregion login.</source>
        <translation>Введите логин Aggregion.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Введите пароль.</translation>
    </message>
    <message>
        <source>This user has no account to publish from.</source>
        <translation>У этого пользователя нет аккаунта для публикации.</translation>
    </message>
    <message>
        <source>The publishing account has no default fund.</source>
        <translation>У аккаунта издателя нет фонда по умолчанию.</translation>
    </message>
    <message>
        <source>These groups have no members.</source>
        <translation>В этих группах нет участников.</translation>
    </message>
    <message>
        <source>Seats per lease is a whole number.</source>
        <translation>Мест на аренду — целое число.</translation>
    </message>
    <message>
        <source>The lease must end in the future.</source>
        <translation>Аренда должна заканчиваться в будущем.</translation>
    </message>
    <message>
        <source>Choose the catalog entry of the new items.</source>
        <translation>Выберите запись каталога для новых экземпляров.</translation>
    </message>
    <message>
        <source>Choose when the new items expire.</source>
        <translation>Выберите, когда истекает срок новых экземпляров.</translation>
    </message>
    <message>
        <source>Choose the items to move in the fund&apos;s list.</source>
        <translation>Выберите в списке фонда экземпляры для перемещения.</translation>
    </message>
    <message>
        <source>The fund holds {available} of these items.</source>
        <translation>В фонде таких экземпляров: {available}.</translation>
    </message>
    <message>
        <source>{group} is not a group of your accounts.</source>
        <translation>{group} — не группа ваших аккаунтов.</translation>
    </message>
    <message>
        <source>You have no active lease of this add-on.</source>
        <translation>У вас нет действующей аренды этого дополнения.</translation>
    </message>
    <message>
        <source>CHP cancels orders one by one</source>
        <translation>CHP снимает заявки только по одной</translation>
    </message>
    <message>
        <source>{instrument} is not a CHP instrument</source>
        <translation>{instrument} — не инструмент CHP</translation>
    </message>
    <message>
        <source>no portfolio (not connected?)</source>
        <translation>нет портфеля (нет подключения?)</translation>
    </message>
    <message>
        <source>a limit price is required</source>
        <translation>нужна лимитная цена</translation>
    </message>
    <message>
        <source>a stop price is required</source>
        <translation>нужна стоп-цена</translation>
    </message>
    <message>
        <source>CHP can only move an order&apos;s price</source>
        <translation>CHP может изменить у заявки только цену</translation>
    </message>
    <message>
        <source>a new price is required</source>
        <translation>нужна новая цена</translation>
    </message>
    <message>
        <source>unknown portfolio {account}</source>
        <translation>неизвестный портфель {account}</translation>
    </message>
    <message>
        <source>required for this order type</source>
        <translation>обязательно для этого типа заявки</translation>
    </message>
    <message>
        <source>{action} does not buy</source>
        <translation>{action} — это не покупка</translation>
    </message>
    <message>
        <source>{action} does not sell</source>
        <translation>{action} — это не продажа</translation>
    </message>
    <message>
        <source>CHP orders are Day or GTC</source>
        <translation>заявки CHP — только «День» или GTC</translation>
    </message>
    <message>
        <source>coin-weight takes limit and market orders only</source>
        <translation>coin-weight принимает только лимитные и рыночные заявки</translation>
    </message>
    <message>
        <source>the quantity must be positive</source>
        <translation>количество должно быть больше нуля</translation>
    </message>
    <message>
        <source>the minimum is {minimum}</source>
        <translation>не меньше {minimum}</translation>
    </message>
    <message>
        <source>the maximum is {maximum}</source>
        <translation>не больше {maximum}</translation>
    </message>
    <message>
        <source>at most {decimals} decimals ({step})</source>
        <translation>знаков после запятой — не больше {decimals} (шаг {step})</translation>
    </message>
    <message>
        <source>a limit order needs a price</source>
        <translation>для лимитной заявки нужна цена</translation>
    </message>
    <message>
        <source>the price must be positive</source>
        <translation>цена должна быть больше нуля</translation>
    </message>
    <message>
        <source>coin-weight orders stay until filled or canceled (GTC)</source>
        <translation>заявки coin-weight действуют до исполнения или снятия (GTC)</translation>
    </message>
    <message>
        <source>the professional layout has positions 1 to {count}</source>
        <translation>в профессиональной раскладке позиции от 1 до {count}</translation>
    </message>
    <message>
        <source>the simple layout has positions 1 to {count}</source>
        <translation>в простой раскладке позиции от 1 до {count}</translation>
    </message>
    <message>
        <source>{instrument} is not traded on coin-weight</source>
        <translation>{instrument} не торгуется на coin-weight</translation>
    </message>
    <message>
        <source>an adjustment needs a non-zero amount</source>
        <translation>сумма корректировки не может быть нулевой</translation>
    </message>
    <message>
        <source>a deposit needs a positive amount</source>
        <translation>сумма пополнения должна быть больше нуля</translation>
    </message>
    <message>
        <source>a withdrawal needs a positive amount</source>
        <translation>сумма вывода должна быть больше нуля</translation>
    </message>
    <message>
        <source>the account currency is required</source>
        <translation>нужна валюта счёта</translation>
    </message>
    <message>
        <source>unknown kline interval {interval!r}</source>
        <translation>неизвестный интервал свечей {interval!r}</translation>
    </message>
    <message>
        <source>{instrument} is not a {venue} instrument</source>
        <translation>{instrument} — не инструмент {venue}</translation>
    </message>
    <message>
        <source>no market-data server set for {counterparty!r}</source>
        <translation>для {counterparty!r} не задан сервер рыночных данных</translation>
    </message>
    <message>
        <source>company {company} is not open to this login ({known} are)</source>
        <translation>компания {company} недоступна для этого логина (доступны: {known})</translation>
    </message>
    <message>
        <source>This order was already sent</source>
        <translation>Эта заявка уже отправлена</translation>
    </message>
    <message>
        <source>Not connected to {venue}</source>
        <translation>Нет подключения к {venue}</translation>
    </message>
    <message>
        <source>the session is closed</source>
        <translation>сессия закрыта</translation>
    </message>
    <message>
        <source>no answer in time (timeout)</source>
        <translation>нет ответа в срок (истекло время ожидания)</translation>
    </message>
    <message>
        <source>cannot connect</source>
        <translation>не удаётся подключиться</translation>
    </message>
    <message>
        <source>connection dropped</source>
        <translation>соединение оборвалось</translation>
    </message>
    <message>
        <source>transport failure ({kind})</source>
        <translation>сбой связи ({kind})</translation>
    </message>
    <message>
        <source>unreadable answer (HTTP {status}, not JSON)</source>
        <translation>нечитаемый ответ (HTTP {status}, не JSON)</translation>
    </message>
    <message>
        <source>unreadable answer (HTTP {status}, nested too deep)</source>
        <translation>нечитаемый ответ (HTTP {status}, слишком глубокая вложенность)</translation>
    </message>
    <message>
        <source>unreadable answer (HTTP {status}, nested deeper than {depth})</source>
        <translation>нечитаемый ответ (HTTP {status}, вложенность глубже {depth})</translation>
    </message>
    <message>
        <source>unreadable answer ({problem})</source>
        <translation>нечитаемый ответ ({problem})</translation>
    </message>
    <message>
        <source>unreadable answer (nested too deeply)</source>
        <translation>нечитаемый ответ (слишком глубокая вложенность)</translation>
    </message>
    <message>
        <source>unreadable answer from {path} ({kind})</source>
        <translation>нечитаемый ответ на {path} ({kind})</translation>
    </message>
    <message>
        <source>empty answer from {path}</source>
        <translation>пустой ответ на {path}</translation>
    </message>
    <message>
        <source>unexpected answer from {path}: {problem}</source>
        <translation>неожиданный ответ на {path}: {problem}</translation>
    </message>
    <message>
        <source>unexpected answer from {path} (no envelope)</source>
        <translation>неожиданный ответ на {path} (без обёртки)</translation>
    </message>
    <message>
        <source>unexpected answer to {path} (no envelope)</source>
        <translation>неожиданный ответ на {path} (без обёртки)</translation>
    </message>
    <message>
        <source>unreadable row in {what}: {problem}</source>
        <translation>нечитаемая строка в {what}: {problem}</translation>
    </message>
    <message>
        <source>gateway failure (HTTP {status}); the request may have been carried out</source>
        <translation>сбой шлюза (HTTP {status}); запрос мог быть выполнен</translation>
    </message>
    <message>
        <source>server failure (HTTP {status})</source>
        <translation>сбой сервера (HTTP {status})</translation>
    </message>
    <message>
        <source>request refused (HTTP {status})</source>
        <translation>запрос отклонён (HTTP {status})</translation>
    </message>
    <message>
        <source>server failure (HTTP {status}) to {path}</source>
        <translation>сбой сервера (HTTP {status}) на {path}</translation>
    </message>
    <message>
        <source>request refused (HTTP {status}) to {path}</source>
        <translation>запрос {path} отклонён (HTTP {status})</translation>
    </message>
    <message>
        <source>upload failed ({kind})</source>
        <translation>загрузка не удалась ({kind})</translation>
    </message>
    <message>
        <source>unreadable Content-Range from {path}: {header!r}</source>
        <translation>нечитаемый Content-Range в ответе на {path}: {header!r}</translation>
    </message>
    <message>
        <source>not signed in, or the session has expired (HTTP {status})</source>
        <translation>вход не выполнен или сессия истекла (HTTP {status})</translation>
    </message>
    <message>
        <source>not allowed (HTTP {status})</source>
        <translation>нет доступа (HTTP {status})</translation>
    </message>
    <message>
        <source>not found (HTTP {status})</source>
        <translation>не найдено (HTTP {status})</translation>
    </message>
    <message>
        <source>{message} (HTTP {status})</source>
        <translation>{message} (HTTP {status})</translation>
    </message>
    <message>
        <source>no refresh token: sign in again</source>
        <translation>нет токена обновления: войдите снова</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>нет подключения</translation>
    </message>
    <message>
        <source>no {name} update in {seconds} s</source>
        <translation>нет обновления {name} за {seconds} с</translation>
    </message>
    <message>
        <source>no order book for {symbol}</source>
        <translation>нет стакана для {symbol}</translation>
    </message>
    <message>
        <source>order {id} was not canceled</source>
        <translation>заявка {id} не снята</translation>
    </message>
    <message>
        <source>order {id} was not moved</source>
        <translation>заявка {id} не перемещена</translation>
    </message>
    <message>
        <source>authentication failure</source>
        <translation>ошибка аутентификации</translation>
    </message>
    <message>
        <source>not logged in</source>
        <translation>вход не выполнен</translation>
    </message>
    <message>
        <source>the venue did not create the strategy</source>
        <translation>площадка не создала стратегию</translation>
    </message>
    <message>
        <source>unreadable amount {text!r}</source>
        <translation>нечитаемая сумма {text!r}</translation>
    </message>
    <message>
        <source>Account not exist</source>
        <translation>учётной записи не существует</translation>
    </message>
    <message>
        <source>Password error</source>
        <translation>неверный пароль</translation>
    </message>
    <message>
        <source>Parameters error</source>
        <translation>ошибка в параметрах</translation>
    </message>
    <message>
        <source>Username duplication</source>
        <translation>такое имя пользователя уже занято</translation>
    </message>
    <message>
        <source>Email duplication</source>
        <translation>такой e-mail уже зарегистрирован</translation>
    </message>
    <message>
        <source>Phone duplication</source>
        <translation>такой телефон уже зарегистрирован</translation>
    </message>
    <message>
        <source>Account duplication</source>
        <translation>такая учётная запись уже есть</translation>
    </message>
    <message>
        <source>Verification code error</source>
        <translation>неверный код подтверждения</translation>
    </message>
    <message>
        <source>Duplicated secret key</source>
        <translation>такой секретный ключ уже есть</translation>
    </message>
    <message>
        <source>Unexpected Error (wrong owner)</source>
        <translation>непредвиденная ошибка (не тот владелец)</translation>
    </message>
    <message>
        <source>time out of range ({millis} ms)</source>
        <translation>время вне допустимого диапазона ({millis} мс)</translation>
    </message>
    <message>
        <source>login answered without a sessionToken</source>
        <translation>ответ на вход без sessionToken</translation>
    </message>
    <message>
        <source>request is not valid</source>
        <translation>недопустимый запрос</translation>
    </message>
    <message>
        <source>authentication required</source>
        <translation>требуется аутентификация</translation>
    </message>
    <message>
        <source>access forbidden</source>
        <translation>доступ запрещён</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>не найдено</translation>
    </message>
    <message>
        <source>conflict with the current state</source>
        <translation>конфликт с текущим состоянием</translation>
    </message>
    <message>
        <source>request cannot be carried out</source>
        <translation>запрос невозможно выполнить</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>неизвестная ошибка</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>отказано</translation>
    </message>
    <message>
        <source>session already expired</source>
        <translation>сессия уже истекла</translation>
    </message>
    <message>
        <source>token is malformed or expired</source>
        <translation>токен повреждён или истёк</translation>
    </message>
    <message>
        <source>one of the parameters is not set</source>
        <translation>не задан один из параметров</translation>
    </message>
    <message>
        <source>method is not supported for system user</source>
        <translation>метод не поддерживается для системного пользователя</translation>
    </message>
    <message>
        <source>the user does not exist</source>
        <translation>пользователь не существует</translation>
    </message>
    <message>
        <source>session.login answered no Token</source>
        <translation>ответ session.login без Token</translation>
    </message>
    <message>
        <source>this login has no company to enter</source>
        <translation>у этого логина нет компании для входа</translation>
    </message>
    <message>
        <source>not logged in to RAMM</source>
        <translation>вход в RAMM не выполнен</translation>
    </message>
    <message>
        <source>session missing or expired</source>
        <translation>сессии нет или она истекла</translation>
    </message>
    <message>
        <source>request refused (HTTP {status}), unreadable error body</source>
        <translation>запрос отклонён (HTTP {status}), тело ошибки нечитаемо</translation>
    </message>
</context>
</TS>
