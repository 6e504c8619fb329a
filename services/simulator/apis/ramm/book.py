"""The copy-trading book: signals move every follower by factor x lot through fill requests, fills and deals.

One :class:`CopyBook` per simulator. A signal (or a sync item) says the strategy's new net lot in a symbol.
Every account of the strategy that copies (status active; the trader's own account with factor 1) gets a
target of ``round(lot x Factor, 2)``; the differences are executed together: one fill request per symbol
carries the A-book part (sum of ``delta x ABook``) to the stream, one fill prices it at the engine's touch
(ask when the net is a buy, bid when a sell, the mid when it nets out), and every account gets a deal at that
price (Entry In, Out or InOut; netting: one position per symbol; profit realised on the closing part).
Commission: ``CommissionRate`` USD per 1M USD turnover, charged to the follower (not the trader) on each deal
and paid into the trader's wallet once per execution (transfer Type 7). After a
signal, a follower whose equity fell to ProtectionEquity, or rose to TargetEquity, stops (status 3) and its
positions are closed. The performance fee (``FeeRate`` x profit above ProfitBase) is charged when a follower's
account is closed, as a Fee deal, and paid into the trader's wallet (transfer Type 6).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from services.ramm.enums import (
    AccountState,
    AccountStatus,
    CopyStrategyStatus,
    DealEntry,
    DealType,
    SignalStatus,
    TransferType,
)
from services.simulator.apis.ramm.instruments import Instruments, SymbolSpec
from services.simulator.apis.ramm.state import (
    ZERO,
    AccountRec,
    DealRec,
    FillRec,
    FillRequestRec,
    PositionRec,
    RammState,
    SignalRec,
    StrategyRec,
    TransferRec,
    WalletRec,
)
from services.simulator.apis.ramm.wire import RammApiError, invalid_status

VOLUME_STEP = Decimal("0.01")
CENT = Decimal("0.01")
LEVERAGE = Decimal(10)  # margin = notional / LEVERAGE
MILLION = Decimal(1_000_000)

_STATE_PAIRS = {
    AccountStatus.NEW: (AccountState.NEW, AccountState.NEW),
    AccountStatus.ACTIVE: (AccountState.ACTIVE_WITH_POSITIONS, AccountState.ACTIVE_NO_POSITIONS),
    AccountStatus.MARGIN_CALL: (
        AccountState.MARGIN_CALL_WITH_POSITIONS,
        AccountState.MARGIN_CALL_NO_POSITIONS,
    ),
    AccountStatus.PAUSE: (AccountState.PAUSE_WITH_POSITIONS, AccountState.PAUSE_NO_POSITIONS),
    AccountStatus.DISABLED: (AccountState.DISABLED_WITH_POSITIONS, AccountState.DISABLED_NO_POSITIONS),
    AccountStatus.CLOSED: (AccountState.CLOSED_WITH_POSITIONS, AccountState.CLOSED_NO_POSITIONS),
}


def lots(value: Decimal) -> Decimal:
    return value.quantize(VOLUME_STEP, rounding=ROUND_HALF_UP)


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class Valuation:
    profit: dict[str, Decimal]  # symbol -> unrealised profit in USD
    equity: Decimal
    margin: Decimal
    notional: Decimal


class CopyBook:
    def __init__(self, state: RammState, instruments: Instruments) -> None:
        self.state = state
        self.instruments = instruments

    # --- valuation ------------------------------------------------------------------------------------------

    def symbol(self, name: str) -> SymbolSpec:
        spec = self.instruments.get(name)
        if spec is None:
            raise RammApiError(
                "invalid_input", f"invalid input in field 'Symbol': unknown symbol {name!r}", http_status=404
            )
        return spec

    def position_profit(self, position: PositionRec) -> Decimal:
        spec = self.symbol(position.symbol)
        mark = self.instruments.mark(spec, position.volume)
        return cents((mark - position.price_open) * position.volume * spec.usd_per_quote)

    def value(self, account: AccountRec) -> Valuation:
        profit: dict[str, Decimal] = {}
        margin = notional = ZERO
        for position in account.positions.values():
            spec = self.symbol(position.symbol)
            mark = self.instruments.mark(spec, position.volume)
            profit[position.symbol] = cents(
                (mark - position.price_open) * position.volume * spec.usd_per_quote
            )
            size = abs(position.volume) * mark * spec.usd_per_quote
            notional += size
            margin += size / LEVERAGE
        return Valuation(profit, account.balance + sum(profit.values(), ZERO), cents(margin), cents(notional))

    @staticmethod
    def state_of(account: AccountRec) -> int:
        with_positions = bool(account.positions)
        if account.status == AccountStatus.PROTECTION_TARGET:
            target = account.target_reached is not None
            pair = (
                (AccountState.TARGET_WITH_POSITIONS, AccountState.TARGET_NO_POSITIONS)
                if target
                else (AccountState.PROTECTION_WITH_POSITIONS, AccountState.PROTECTION_NO_POSITIONS)
            )
        else:
            pair = _STATE_PAIRS[AccountStatus(account.status)]
        return int(pair[0] if with_positions else pair[1])

    def strategy_accounts(self, strategy: StrategyRec) -> list[AccountRec]:
        return [a for a in self.state.accounts.values() if a.strategy_id == strategy.id]

    def trader_account(self, strategy: StrategyRec) -> AccountRec:
        return self.state.accounts[strategy.trader_account_id]

    # --- signals --------------------------------------------------------------------------------------------

    def add_signal(
        self,
        strategy: StrategyRec,
        lots_by_symbol: dict[str, Decimal],
        equity: Decimal,
        at: float,
        *,
        ticket: str = "",
        comment: str = "",
        sync_xml: str = "",
    ) -> list[SignalRec]:
        """One signal per symbol: the strategy's net lot there becomes ``lot``; followers follow."""
        if strategy.status != CopyStrategyStatus.ACTIVE:
            raise invalid_status(f"strategy {strategy.id} is not active (status {strategy.status})")
        specs = {name: self.symbol(name) for name in lots_by_symbol}
        signals: list[SignalRec] = []
        moves: list[tuple[AccountRec, SymbolSpec, Decimal]] = []
        copying = [a for a in self.strategy_accounts(strategy) if a.status == AccountStatus.ACTIVE]
        for name, lot in lots_by_symbol.items():
            signal = SignalRec(
                self.state.next_id("signal"),
                strategy.id,
                at,
                name,
                lot,
                equity,
                symbols_sync=sync_xml,
                ticket=ticket,
                comment=comment,
            )
            self.state.signals[signal.id] = signal
            signals.append(signal)
            for account in copying:
                target = lot if account.is_security else lots(lot * account.factor)
                held = account.positions.get(name)
                delta = target - (held.volume if held else ZERO)
                if delta:
                    moves.append((account, specs[name], delta))
        for signal in signals:
            self.execute([m for m in moves if m[1].name == signal.symbol], at, signal_id=signal.id)
            signal.status = SignalStatus.OK
            signal.processed = at
        for account in {id(a): a for a, _s, _d in moves}.values():
            self.check_limits(account, at)
        return signals

    def execute(
        self,
        moves: Iterable[tuple[AccountRec, SymbolSpec, Decimal]],
        at: float,
        *,
        signal_id: int = 0,
        command_id: int = 0,
    ) -> list[DealRec]:
        """Trade each (account, symbol, signed delta): a fill request and a fill per symbol, a deal each."""
        by_symbol: dict[str, list[tuple[AccountRec, SymbolSpec, Decimal]]] = {}
        for move in moves:
            by_symbol.setdefault(move[1].name, []).append(move)
        deals: list[DealRec] = []
        for name, group in by_symbol.items():
            spec = group[0][1]
            net = sum((d for _a, _s, d in group), ZERO)
            if net:
                price = self.instruments.price(spec, buy=net > 0)
            else:
                price = (self.instruments.price(spec, True) + self.instruments.price(spec, False)) / 2
            price = price.quantize(Decimal(1).scaleb(-spec.price_decimals), rounding=ROUND_HALF_UP)
            a_book = lots(sum((d * a.abook for a, _s, d in group), ZERO))
            request = FillRequestRec(self.state.next_id("fill_request"), 1, name, a_book, at, at, at)
            self.state.fill_requests[request.id] = request
            if a_book:
                fill = FillRec(
                    self.state.next_id("fill"),
                    request.id,
                    name,
                    price,
                    a_book,
                    at,
                    ticket=f"SIM-{request.id}",
                )
                self.state.fills[fill.id] = fill
            for account, _spec, delta in group:
                deals.append(self._trade(account, spec, delta, price, at, signal_id, command_id, request.id))
        self._pay_commissions(deals, at)
        return deals

    def _pay_commissions(self, deals: list[DealRec], at: float) -> None:
        """The followers' commissions of one execution go to each trader's wallet as one transfer (Type 7)."""
        earned: dict[int, Decimal] = {}
        for deal in deals:
            if deal.commission:
                earned[deal.strategy_id] = earned.get(deal.strategy_id, ZERO) + deal.commission
        for strategy_id, amount in earned.items():
            strategy = self.state.strategies[strategy_id]
            self.transfer(
                self.state.wallets[strategy.wallet_id],
                TransferType.COMMISSION,
                amount,
                at,
                comment_company=f"commission of strategy {strategy_id}",
            )

    def _trade(
        self,
        account: AccountRec,
        spec: SymbolSpec,
        delta: Decimal,
        price: Decimal,
        at: float,
        signal_id: int,
        command_id: int,
        request_id: int,
    ) -> DealRec:
        held = account.positions.get(spec.name)
        volume = held.volume if held else ZERO
        profit = ZERO
        entry = DealEntry.IN
        if held is not None and volume * delta < 0:  # closes some or all, maybe reverses
            closing = min(abs(delta), abs(volume))
            sign = Decimal(1) if volume > 0 else Decimal(-1)
            profit = cents((price - held.price_open) * closing * sign * spec.usd_per_quote)
            rest = volume + delta
            if rest == 0:
                entry = DealEntry.OUT
                del account.positions[spec.name]
            elif rest * volume > 0:
                entry = DealEntry.OUT
                held.volume = rest
            else:
                entry = DealEntry.IN_OUT
                held.volume, held.price_open, held.opened = rest, price, at
        elif held is not None:
            total = volume + delta
            held.price_open = (held.price_open * volume + price * delta) / total
            held.volume = total
        else:
            position = PositionRec(self.state.next_id("position"), account.id, spec.name, delta, price, at)
            account.positions[spec.name] = position
        turnover = cents(abs(delta) * price * spec.usd_per_quote)
        strategy = self.state.strategies[account.strategy_id]
        commission = ZERO if account.is_security else cents(turnover * strategy.commission_rate / MILLION)
        account.balance += profit - commission
        deal = DealRec(
            self.state.next_id("deal"),
            account.id,
            account.strategy_id,
            at,
            int(DealType.BUY if delta > 0 else DealType.SELL),
            spec.name,
            abs(delta),
            price,
            int(entry),
            volume_a=lots(abs(delta) * account.abook),
            profit=profit,
            commission=commission,
            turnover_usd=turnover,
            signal_id=signal_id,
            command_id=command_id,
            fill_request_id=request_id,
            stream_id=account.stream_id,
            symbol_id=spec.id,
        )
        self.state.deals[deal.id] = deal
        return deal

    def check_limits(self, account: AccountRec, at: float) -> None:
        if account.is_security or account.status != AccountStatus.ACTIVE:
            return
        equity = self.value(account).equity
        if (
            account.protection is not None
            and account.protection_equity
            and equity <= account.protection_equity
        ):
            account.protection_reached = at
        elif account.target_equity is not None and equity >= account.target_equity:
            account.target_reached = at
        else:
            return
        account.status = AccountStatus.PROTECTION_TARGET
        self.close_positions(account, at, self.state.next_id("command"))

    # --- account commands -----------------------------------------------------------------------------------

    def close_positions(self, account: AccountRec, at: float, command_id: int) -> list[DealRec]:
        moves = [(account, self.symbol(p.symbol), -p.volume) for p in list(account.positions.values())]
        return self.execute(moves, at, command_id=command_id)

    def pause(self, account: AccountRec, at: float) -> int:
        self._not_own(account, "paused")
        if account.status != AccountStatus.ACTIVE:
            raise invalid_status(f"account {account.id} is not active (status {account.status})")
        command = self.state.next_id("command")
        account.status = AccountStatus.PAUSE
        self.close_positions(account, at, command)
        return command

    def resume(self, account: AccountRec, at: float) -> int:
        """Copies again: the strategy's open positions are opened at market, times the account's factor."""
        self._not_own(account, "resumed")
        if account.status != AccountStatus.PAUSE:
            raise invalid_status(f"account {account.id} is not paused (status {account.status})")
        account.status = AccountStatus.ACTIVE
        return self.follow(account, at)

    def follow(self, account: AccountRec, at: float) -> int:
        """The strategy's open positions opened at market in ``account``, times its factor (a command)."""
        command = self.state.next_id("command")
        trader = self.trader_account(self.state.strategies[account.strategy_id])
        moves = []
        for position in trader.positions.values():
            target = lots(position.volume * account.factor)
            held = account.positions.get(position.symbol)
            delta = target - (held.volume if held else ZERO)
            if delta:
                moves.append((account, self.symbol(position.symbol), delta))
        self.execute(moves, at, command_id=command)
        return command

    def close_account(self, account: AccountRec, at: float) -> int:
        """Closes its positions, charges the performance fee, and returns the rest to the wallet."""
        if account.status == AccountStatus.CLOSED:
            raise invalid_status(f"account {account.id} is already closed")
        command = self.state.next_id("command")
        self.close_positions(account, at, command)
        strategy = self.state.strategies[account.strategy_id]
        gain = account.balance - account.profit_base
        if not account.is_security and gain > 0 and strategy.fee_rate > 0:
            fee = cents(gain * strategy.fee_rate)
            account.balance -= fee
            account.fee_total += fee
            deal = DealRec(
                self.state.next_id("deal"),
                account.id,
                strategy.id,
                at,
                int(DealType.FEE),
                "",
                ZERO,
                ZERO,
                int(DealEntry.IN),
                profit=-fee,
                command_id=command,
            )
            self.state.deals[deal.id] = deal
            self.transfer(
                self.state.wallets[strategy.wallet_id],
                TransferType.FEE,
                fee,
                at,
                comment_company=f"fee from account {account.id}",
            )
        if account.balance > 0:
            self.transfer(
                self.state.wallets[account.wallet_id],
                TransferType.FROM_ACCOUNT,
                account.balance,
                at,
                comment_company=f"account {account.id} closed",
            )
        account.balance = ZERO
        account.status = AccountStatus.CLOSED
        account.closed = at
        return command

    def close_strategy(self, strategy: StrategyRec, at: float) -> int:
        if strategy.status == CopyStrategyStatus.CLOSED:
            raise invalid_status(f"strategy {strategy.id} is already closed")
        command = self.state.next_id("command")
        followers = [a for a in self.strategy_accounts(strategy) if not a.is_security]
        for account in [*followers, self.trader_account(strategy)]:
            if account.status != AccountStatus.CLOSED:
                self.close_account(account, at)
        strategy.status = CopyStrategyStatus.CLOSED
        strategy.closed = at
        return command

    @staticmethod
    def _not_own(account: AccountRec, what: str) -> None:
        if account.is_security:
            raise invalid_status(f"the trader's own account {account.id} cannot be {what}")

    # --- money ----------------------------------------------------------------------------------------------

    def transfer(
        self,
        wallet: WalletRec,
        kind: TransferType,
        amount: Decimal,
        at: float,
        *,
        external_id: int = 0,
        comment_client: str = "",
        comment_company: str = "",
        execution_server: str = "",
        execution_account: str = "",
    ) -> TransferRec:
        """Records a wallet transfer; money in (fund, bonus, from account, fee, commission, partners) adds."""
        outgoing = kind in (TransferType.WITHDRAW, TransferType.BONUS_WITHDRAW, TransferType.TO_ACCOUNT)
        signed = -abs(amount) if outgoing else abs(amount)
        if kind in (TransferType.BONUS_FUND, TransferType.BONUS_WITHDRAW):
            if wallet.bonus + signed < 0:
                raise invalid_status(f"wallet {wallet.id} has only {wallet.bonus} of bonus")
            wallet.bonus += signed
        else:
            if wallet.balance + signed < 0:
                raise invalid_status(f"wallet {wallet.id} has only {wallet.balance} USD")
            wallet.balance += signed
        record = TransferRec(
            self.state.next_id("transfer"),
            wallet.id,
            at,
            int(kind),
            signed,
            external_id,
            comment_client,
            comment_company,
            execution_server,
            execution_account,
        )
        self.state.transfers[record.id] = record
        return record

    def invest(self, account: AccountRec, amount: Decimal, at: float) -> None:
        """Moves ``amount`` from the account's wallet into it (transfer Type 4)."""
        self.transfer(
            self.state.wallets[account.wallet_id],
            TransferType.TO_ACCOUNT,
            amount,
            at,
            comment_company=f"to account {account.id}",
        )
        account.balance += amount
        account.profit_base += amount

    # --- history --------------------------------------------------------------------------------------------

    def snapshot(self, at: float) -> None:
        """A day-end point of every open account's equity and of each company's totals."""
        totals: dict[int, list[Decimal]] = {}
        for account in self.state.accounts.values():
            if account.status == AccountStatus.CLOSED:
                continue
            equity = self.value(account).equity
            account.history.append((at, equity))
            company = self.state.strategies[account.strategy_id].company_id
            row = totals.setdefault(company, [ZERO, ZERO])
            row[0] += equity
            row[1] += account.balance
        for company, (equity, balance) in totals.items():
            wallets = sum(
                (
                    w.balance
                    for w in self.state.wallets.values()
                    if self.state.clients[w.client_id].company_id == company
                ),
                ZERO,
            )
            self.state.equity.append((company, at, cents(equity), cents(balance), cents(wallets)))
