"""The Back office window's other view-models: Notifications, Transaction import, Sessions, Reference
(brokers, categories, client groups). Same rules as :mod:`app.viewmodels.back_office`: input checked at the
field before anything is sent, the venue's refusal shown where the user clicked, all I/O spawned."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from PySide6.QtWidgets import QFileDialog

from app.back_office_session import QtBackOffice
from app.viewmodels.back_office import LOGIN, WindowViewModel, venue_words
from services.dxregister.schemas import (
    Category,
    CategoryValue,
    ClientNotification,
    NotificationAudience,
    NotificationPriority,
    NotificationRecipient,
    SsoTokenRequest,
    Transaction,
)
from services.errors import TesseraError, TransportError
from widgets.back_office.form import FormDialog, FormField, ask
from widgets.back_office.tools import (
    DeliveryRow,
    ImportRow,
    ImportView,
    NotificationsView,
    ReferenceView,
    SentRow,
    SessionsView,
)
from widgets.common.plural import plural

SUBJECT_LIMIT = 255  # the doc's 20028 "subject too long"; the simulator's size (the doc names none)
MESSAGE_LIMIT = 4000  # 20029 "message too long"
TIME_FORMAT = "%Y-%m-%d %H:%M"
DEFAULT_LIFETIME = timedelta(days=1)


def utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime(TIME_FORMAT)


def epoch_text(ms: int | None) -> str:
    return "" if ms is None else datetime.fromtimestamp(ms / 1000, UTC).strftime("%Y-%m-%d %H:%M:%S")


def parse_utc(text: str) -> datetime | None:
    try:
        return datetime.strptime(text.strip(), TIME_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        return None


def parse_users(text: str) -> tuple[list[NotificationRecipient], list[str]]:
    """``domain/login`` (or ``login@domain``) separated by commas or spaces: (recipients, bad entries)."""
    recipients: list[NotificationRecipient] = []
    bad: list[str] = []
    for entry in text.replace(";", ",").replace(" ", ",").split(","):
        entry = entry.strip()
        if not entry:
            continue
        if "/" in entry:
            domain, _, login = entry.partition("/")
        elif "@" in entry:
            login, _, domain = entry.partition("@")
        else:
            domain, login = "default", entry
        if domain and login and LOGIN.match(login):
            recipients.append(NotificationRecipient(domain=domain, login=login))
        else:
            bad.append(entry)
    return recipients, bad


# --- notifications -----------------------------------------------------------------------------------------


class NotificationsViewModel(WindowViewModel):
    def __init__(self, view: NotificationsView, back_office: QtBackOffice) -> None:
        super().__init__(view, back_office)
        self.view: NotificationsView = view
        self.sent: dict[str, ClientNotification] = {}
        self.current: str | None = None
        self.dialog: FormDialog | None = None
        view.composeRequested.connect(self.open_compose)
        view.notificationChosen.connect(self._on_chosen)
        view.deliveryRequested.connect(self.refresh_delivery)
        view.expirationRequested.connect(self.open_expiration)

    def open_compose(self) -> FormDialog:
        expires = utc_text(datetime.now(UTC) + DEFAULT_LIFETIME)
        dialog = FormDialog(
            self.tr("New notification"),
            [
                FormField(
                    "recipients",
                    self.tr("Recipients"),
                    placeholder=self.tr("domain/login, comma separated (or choose all below)"),
                ),
                FormField(
                    "recipients_picker",
                    self.tr("Add"),
                    kind="picker",
                    placeholder=self.tr("choose a client to add\u2026"),
                    target="recipients",
                ),
                FormField(
                    "audience",
                    self.tr("Or send to"),
                    kind="choice",
                    choices=[
                        ("", self.tr("only the recipients listed")),
                        (NotificationAudience.ALL.value, self.tr("all clients")),
                        (NotificationAudience.LIVE.value, self.tr("clients with a live account")),
                        (NotificationAudience.DEMO.value, self.tr("clients with a demo account")),
                    ],
                ),
                FormField(
                    "priority",
                    self.tr("Priority"),
                    kind="choice",
                    value=NotificationPriority.LOW.value,
                    choices=[
                        (NotificationPriority.LOW.value, self.tr("Low")),
                        (NotificationPriority.HIGH.value, self.tr("High")),
                        (NotificationPriority.CRITICAL.value, self.tr("Critical")),
                    ],
                ),
                FormField("subject", self.tr("Subject")),
                FormField("message", self.tr("Message"), kind="multiline"),
                FormField(
                    "expiration", self.tr("Expires (UTC)"), value=expires, placeholder="2026-12-31 18:00"
                ),
                FormField("acknowledge", self.tr("Must be acknowledged"), kind="check"),
            ],
            self.tr("Send"),
            self.view,
        )
        dialog.setObjectName("notificationDialog")
        dialog.submitted.connect(lambda values: self._on_compose(dialog, values))
        self._show(dialog)
        self.spawn(self._recipients(dialog), "recipients")
        return dialog

    async def _recipients(self, dialog: FormDialog) -> None:
        """The clients the picker offers."""
        try:
            clients = await self.client.clients()
        except (TesseraError, TransportError) as exc:
            dialog.set_field_error("recipients_picker", venue_words(exc))
            return
        if dialog is self.dialog:
            dialog.set_choices(
                "recipients_picker",
                [
                    (
                        f"{c.domain}/{c.login}",
                        f"{c.full_name} ({c.domain}/{c.login})" if c.full_name else c.login,
                    )
                    for c in clients
                    if c.type is None or c.type.value == "CLIENT"
                ],
            )

    def _show(self, dialog: FormDialog) -> None:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = dialog
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None) if self.dialog is dialog else None)
        dialog.open()

    def _check_expiration(self, dialog: FormDialog, text: str) -> datetime | None:
        moment = parse_utc(text)
        if moment is None:
            dialog.set_field_error("expiration", self.tr("A UTC time as YYYY-MM-DD HH:MM."))
            return None
        if moment <= datetime.now(UTC):
            dialog.set_field_error("expiration", self.tr("The expiration must be in the future."))
            return None
        return moment

    def _on_compose(self, dialog: FormDialog, values: dict[str, str]) -> None:
        recipients, bad = parse_users(values["recipients"])
        audience = values["audience"]
        subject, message = values["subject"].strip(), values["message"].strip()
        ok = True
        if bad:
            dialog.set_field_error(
                "recipients",
                self.tr("Not a user: {entries} (write domain/login).").format(entries=", ".join(bad)),
            )
            ok = False
        elif not recipients and not audience:
            dialog.set_field_error("recipients", self.tr("Name at least one recipient, or send to all."))
            ok = False
        if not subject:
            dialog.set_field_error("subject", self.tr("Write a subject."))
            ok = False
        elif len(subject) > SUBJECT_LIMIT:
            dialog.set_field_error(
                "subject",
                self.tr("At most {limit} characters ({count} now).").format(
                    limit=SUBJECT_LIMIT, count=len(subject)
                ),
            )
            ok = False
        if not message:
            dialog.set_field_error("message", self.tr("Write the message."))
            ok = False
        elif len(message) > MESSAGE_LIMIT:
            dialog.set_field_error(
                "message",
                self.tr("At most {limit} characters ({count} now).").format(
                    limit=MESSAGE_LIMIT, count=len(message)
                ),
            )
            ok = False
        expiration = self._check_expiration(dialog, values["expiration"])
        if not ok or expiration is None:
            return
        notification = ClientNotification(
            recipients=recipients or None,
            send_to_all=NotificationAudience(audience) if audience else None,
            priority=NotificationPriority(values["priority"]),
            subject=subject,
            message=message,
            expiration_date=expiration,
            must_acknowledge=values["acknowledge"] == "1",
        )
        dialog.set_busy(True)
        self.spawn(self._send(dialog, notification), "notification")

    async def _send(self, dialog: FormDialog, notification: ClientNotification) -> None:
        try:
            notification_id = (await self.client.create_notification(notification)).strip()
        except (TesseraError, TransportError) as exc:
            dialog.set_busy(False)
            dialog.show_message(venue_words(exc))
            return
        dialog.set_busy(False)
        dialog.finish()
        self.sent[notification_id] = notification
        self.view.add_sent(self._row(notification_id, notification, datetime.now(UTC)))
        self.view.set_status(self.tr("Notification {id} sent.").format(id=notification_id))
        self.view.select_sent(notification_id)
        self.current = notification_id
        self.view.set_chosen(True)
        await self._delivery(notification_id)

    def _row(self, notification_id: str, notification: ClientNotification, sent: datetime) -> SentRow:
        audience = (
            notification.send_to_all.value
            if notification.send_to_all is not None
            else ", ".join(f"{r.domain}/{r.login}" for r in notification.recipients or [])
        )
        return SentRow(
            notification_id=notification_id,
            subject=notification.subject,
            audience=audience,
            priority=notification.priority.value,
            expiration=utc_text(notification.expiration_date),
            sent=utc_text(sent),
        )

    def _on_chosen(self, notification_id: object) -> None:
        self.current = None if notification_id is None else str(notification_id)
        self.view.set_chosen(self.current is not None)
        if self.current is not None:
            self.refresh_delivery()

    def refresh_delivery(self) -> None:
        if self.current is not None:
            self.spawn(self._delivery(self.current), "delivery")

    async def _delivery(self, notification_id: str) -> None:
        try:
            delivery = await self.client.notification_delivery(notification_id)
        except (TesseraError, TransportError) as exc:
            self.view.set_status(venue_words(exc), error=True)
            return
        if notification_id != self.current:
            return
        rows = [
            DeliveryRow(
                recipient=f"{s.recipient.domain}/{s.recipient.login}" if s.recipient else "",
                read=epoch_text(s.read_time) or self.tr("not yet"),
                acknowledged=epoch_text(s.acknowledgment_time) or self.tr("not yet"),
            )
            for s in delivery.statuses or []
        ]
        self.view.set_delivery(rows)

    def open_expiration(self) -> FormDialog | None:
        notification_id = self.current
        notification = self.sent.get(notification_id or "")
        if notification_id is None or notification is None:
            return None
        dialog = FormDialog(
            self.tr("Expiration of {id}").format(id=notification_id),
            [FormField("expiration", self.tr("Expires (UTC)"), value=utc_text(notification.expiration_date))],
            self.tr("Change"),
            self.view,
        )
        dialog.setObjectName("expirationDialog")
        dialog.submitted.connect(lambda values: self._on_expiration(dialog, notification_id, values))
        self._show(dialog)
        return dialog

    def _on_expiration(self, dialog: FormDialog, notification_id: str, values: dict[str, str]) -> None:
        moment = self._check_expiration(dialog, values["expiration"])
        if moment is None:
            return
        dialog.set_busy(True)
        self.spawn(self._expiration(dialog, notification_id, moment), "expiration")

    async def _expiration(self, dialog: FormDialog, notification_id: str, moment: datetime) -> None:
        try:
            await self.client.update_notification_expiration(notification_id, moment)
        except (TesseraError, TransportError) as exc:
            dialog.set_busy(False)
            dialog.show_message(venue_words(exc))
            return
        dialog.set_busy(False)
        dialog.finish()
        notification = self.sent[notification_id].model_copy(update={"expiration_date": moment})
        self.sent[notification_id] = notification
        old = self.view.sent.record_by_id(notification_id)
        self.view.add_sent(
            self._row(notification_id, notification, (parse_utc(old.sent) if old else None) or moment)
        )
        self.view.set_status(
            self.tr("{id} now expires {time} UTC.").format(id=notification_id, time=utc_text(moment))
        )


# --- transaction import ------------------------------------------------------------------------------------


def read_transactions(
    text: str, name: str
) -> tuple[list[tuple[int, Transaction]], list[tuple[int, str, str]]]:
    """The rows of a CSV (header of wire names) or JSON (an array of Transaction models) file:
    ([(line, transaction)], [(line, id, problem)]) — the problems are not sent."""
    rows: list[tuple[int, dict[str, Any]]]
    if name.lower().endswith(".json") or text.lstrip().startswith("["):
        data = json.loads(text)
        if not isinstance(data, list):
            raise ValueError("a JSON file must hold an array of transactions")
        rows = [(index + 1, item if isinstance(item, dict) else {}) for index, item in enumerate(data)]
    else:
        reader = csv.DictReader(io.StringIO(text))
        rows = [
            (reader.line_num, {k.strip(): v.strip() for k, v in row.items() if k and v and v.strip()})
            for row in reader
        ]
    good: list[tuple[int, Transaction]] = []
    bad: list[tuple[int, str, str]] = []
    for line, row in rows:
        try:
            good.append((line, Transaction.model_validate(row)))
        except ValidationError as exc:
            problem = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
            bad.append((line, str(row.get("transactionId", "")), problem))
    return good, bad


class ImportViewModel(WindowViewModel):
    def __init__(self, view: ImportView, back_office: QtBackOffice) -> None:
        super().__init__(view, back_office)
        self.view: ImportView = view
        view.fileRequested.connect(self.choose_file)

    def choose_file(self) -> QFileDialog:
        dialog = QFileDialog(self.view, self.tr("Transactions to import"))
        dialog.setNameFilters([self.tr("Transactions (*.csv *.json)"), self.tr("All files (*)")])
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(self.import_file)
        dialog.open()
        return dialog

    def import_file(self, path: str) -> None:
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
            good, bad = read_transactions(text, path)
        except (OSError, ValueError) as exc:
            self.view.set_summary(
                self.tr("Could not read {file}: {error}").format(file=path, error=exc), True
            )
            return
        self.view.set_busy(True)
        self.view.set_summary(plural(self.tr("Importing %n row(s)\u2026", "", len(good)), len(good)))
        self.spawn(self._import(Path(path).name, good, bad), "import")

    async def _import(
        self, name: str, good: list[tuple[int, Transaction]], bad: list[tuple[int, str, str]]
    ) -> None:
        rows = [
            ImportRow(f"{line}:{tid}", str(line), tid, self.tr("not sent"), "", problem)
            for line, tid, problem in bad
        ]
        if good:
            try:
                result = await self.client.import_transactions([t for _line, t in good])
            except (TesseraError, TransportError) as exc:
                self.view.set_busy(False)
                self.view.set_summary(venue_words(exc), True)
                self.view.set_rows(rows)
                return
            lines = {t.transaction_id: line for line, t in good}
            for outcome, ids in (
                (self.tr("created"), result.created_transactions),
                (self.tr("updated"), result.updated_transactions),
                (self.tr("deleted"), result.deleted_transactions),
            ):
                rows += [
                    ImportRow(f"{lines.get(i, '')}:{i}", str(lines.get(i, "")), i, outcome, "", "")
                    for i in ids
                ]
            rows += [
                ImportRow(
                    f"{lines.get(f.transaction_id, '')}:{f.transaction_id}",
                    str(lines.get(f.transaction_id, "")),
                    f.transaction_id,
                    self.tr("failed"),
                    f.error_code.value,
                    f.error_text,
                )
                for f in result.failed_transactions
            ]
        rows.sort(key=lambda r: int(r.line) if r.line.isdigit() else 0)
        failed = sum(1 for r in rows if r.error_text)
        self.view.set_rows(rows)
        self.view.set_busy(False)
        self.view.set_summary(
            self.tr("{file}: {done} imported, {failed} failed.").format(
                file=name, done=len(rows) - failed, failed=failed
            ),
            error=failed > 0,
        )


# --- sessions ----------------------------------------------------------------------------------------------


class SessionsViewModel(WindowViewModel):
    def __init__(self, view: SessionsView, back_office: QtBackOffice) -> None:
        super().__init__(view, back_office)
        self.view: SessionsView = view
        view.checkRequested.connect(self.check_login)
        view.logoutRequested.connect(self.confirm_logout)
        view.generateRequested.connect(self.generate_token)
        view.ssoRequested.connect(self.sso_token)
        view.infoRequested.connect(self.token_info)

    def _need(self, *names: str) -> bool:
        messages = {
            "login": self.tr("Enter the user's login."),
            "domain": self.tr("Enter the domain (e.g. default)."),
            "password": self.tr("Enter the password or an SSO token."),
            "token": self.tr("Enter a token."),
            "user_id": self.tr("Enter the user id (a number)."),
        }
        ok = True
        for name in names:
            value = self.view.value(name)
            if not value or (name == "user_id" and not value.isdigit()):
                self.view.set_field_error(name, messages[name])
                ok = False
        return ok

    def _run(self, coro: Any, name: str) -> None:
        self.view.set_result(self.tr("Asking the venue\u2026"))
        self.spawn(coro, name)

    async def _answer(self, call: Any, done: str) -> None:
        try:
            answer = await call
        except (TesseraError, TransportError) as exc:
            self.view.set_result(venue_words(exc), error=True)
            return
        self.view.set_result(done.format(answer=answer if answer is not None else ""))

    def check_login(self) -> None:
        if not self._need("login", "domain", "password"):
            return
        login, domain, secret = (
            self.view.value("login"),
            self.view.value("domain"),
            self.view.inputs["password"].text(),
        )
        call = self.client.check_login_form(login, domain, password=secret)
        self._run(
            self._answer(call, self.tr("The password is right for {user}.").format(user=f"{domain}/{login}")),
            "check",
        )

    def confirm_logout(self, by: str) -> None:
        need = {"id": ("user_id",), "login": ("login", "domain"), "token": ("login", "domain", "token")}[by]
        if not self._need(*need):
            return
        login, domain = self.view.value("login"), self.view.value("domain")
        who = (
            self.tr("user #{id}").format(id=self.view.value("user_id")) if by == "id" else f"{domain}/{login}"
        )
        ask(
            self.view,
            self.tr("Log out"),
            self.tr("End every session of {user}?").format(user=who),
            self.tr("Log out"),
            lambda: self._logout(by, login, domain),
        )

    def _logout(self, by: str, login: str, domain: str) -> None:
        client = self.client
        if by == "id":
            call = client.logout_user_by_id(int(self.view.value("user_id")))
        elif by == "login":
            call = client.logout_user_by_login(login, domain)
        else:
            call = client.logout_user_by_token(login, domain, self.view.value("token"))
        self._run(self._answer(call, "{answer}"), f"logout by {by}")

    def generate_token(self) -> None:
        if not self._need("login", "domain"):
            return
        self._run(
            self._token(self.client.generate_token_form(self.view.value("login"), self.view.value("domain"))),
            "token",
        )

    def sso_token(self) -> None:
        duration = self.view.value("duration")
        if duration and (not duration.isdigit() or not 0 < int(duration) <= 86400):
            self.view.set_field_error("duration", self.tr("Seconds, 1 to 86400."))
            return
        request = SsoTokenRequest(
            dx_core_session_token=self.client.session_token,
            token_duration=int(duration) * 1000 if duration else None,
        )
        self._run(self._token(self.client.sso_token(request)), "sso")

    async def _token(self, call: Any) -> None:
        try:
            token = str(await call).strip()
        except (TesseraError, TransportError) as exc:
            self.view.set_result(venue_words(exc), error=True)
            return
        self.view.set_value("token", token)
        self.view.set_result(self.tr("Token made (in the Token field)."))

    def token_info(self) -> None:
        if not self._need("token"):
            return
        self._run(self._info(self.view.value("token")), "token info")

    async def _info(self, token: str) -> None:
        try:
            info = await self.client.sso_token_info(token)
        except (TesseraError, TransportError) as exc:
            self.view.set_result(venue_words(exc), error=True)
            return
        self.view.set_result(
            self.tr("{user} (user #{id}), expires {time} UTC, serial {serial}.").format(
                user=f"{info.user_domain}/{info.user_name}",
                id=info.user_id,
                time=epoch_text(info.expiration_time),
                serial=info.serial_number,
            )
        )


# --- brokers, categories, groups ---------------------------------------------------------------------------


class ReferenceViewModel(WindowViewModel):
    def __init__(self, view: ReferenceView, back_office: QtBackOffice) -> None:
        super().__init__(view, back_office)
        self.view: ReferenceView = view
        view.refreshRequested.connect(self.refresh)
        view.addCategoryRequested.connect(self.add_value)
        self.follow_session()

    def refresh(self) -> None:
        if self.back_office.session.connected:
            self.view.set_status(self.tr("Loading\u2026"))
            self.spawn(self._load(), "reference")

    async def _load(self) -> None:
        try:
            brokers = await self.client.brokers()
            categories = {b.broker_code: await self.client.broker_categories(b.broker_code) for b in brokers}
            groups = await self.client.client_groups()
        except (TesseraError, TransportError) as exc:
            self.view.set_status(venue_words(exc), error=True)
            return

        def values(category: Category) -> Iterable[str]:
            return [v.value for v in category.values or []]

        broker_items = [
            (
                f"{b.broker_code} \u2014 {b.name}",
                f"{b.type.value if b.type else ''} {b.namespace} {b.country_code or ''}".strip(),
                [f"{c.category}: {', '.join(values(c))}" for c in categories[b.broker_code]],
            )
            for b in brokers
        ]
        group_items = [
            (
                f"{g.domain}@{g.name}",
                self.tr("in {ancestors}").format(ancestors=", ".join(g.ancestors)) if g.ancestors else "",
                list(g.clients or []),
            )
            for g in groups
        ]
        self.view.set_brokers(b.broker_code for b in brokers)
        self.view.set_tree(
            [(self.tr("Brokers and categories"), broker_items), (self.tr("Client groups"), group_items)]
        )
        self.view.set_status(
            self.tr("{brokers} brokers, {groups} groups").format(brokers=len(brokers), groups=len(groups))
        )

    def add_value(self, broker: str, category: str, value: str) -> None:
        if not broker or not category or not value:
            self.view.set_status(
                self.tr("Choose a broker and write the category and its new value."), error=True
            )
            return
        self.spawn(
            self._add(broker, Category(category=category, values=[CategoryValue(value=value)])), "category"
        )

    async def _add(self, broker: str, category: Category) -> None:
        try:
            await self.client.create_category(broker, category)
        except (TesseraError, TransportError) as exc:
            self.view.set_status(venue_words(exc), error=True)
            return
        await self._load()
