"""A strategy (``StrategySpec``) as the form shows it, and back; where a strategy trades.

The form's fields come from the type's table (``fields.py``). A field's path is ``("name",)`` for the
strategy's name, ``("symbols", i, key)`` for entry ``i``, ``("symbols", i, "margins", j, key)`` for a margin
row. Units and places follow the entry's instrument: quantities in its base currency with its quantity
places, prices in its quote currency with its price places; percent fields are fractions on the wire.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any, TypedDict

from app.strategy_forms.fields import SIDE_LABELS, SIDES, TYPES, FieldDef, Kind, TypeDef, tr
from services.domain import Instrument, StrategySpec
from widgets.panels.strategies_form import FieldKind, FieldValue, FormField, FormSection

NAME_PATH: tuple[str] = ("name",)
_PERCENT = Decimal(100)
_DEFAULT_PLACES = 8

InstrumentLookup = Callable[[str, str], Instrument | None]  # (exchange, symbol) -> the instrument


class _Common(TypedDict):
    """What every form field gets, whatever its kind."""

    path: Hashable
    label: str
    tooltip: str
    hint: str


# --- where a strategy trades --------------------------------------------------------------------------------


def entries(spec: StrategySpec) -> list[dict[str, Any]]:
    symbols = spec.params.get("symbols")
    return [entry for entry in symbols if isinstance(entry, dict)] if isinstance(symbols, list) else []


def entry_market(spec: StrategySpec, entry: Mapping[str, Any]) -> tuple[str, str] | None:
    """The (exchange, symbol) an entry quotes, if it names one market (a Triangular entry names three)."""
    symbol = entry.get("symbol") or (entry.get("name") if "currency" in entry else None)
    if not symbol:
        return None
    exchange = entry.get("makerExchange") or entry.get("exchange1") or spec.exchange
    return str(exchange), str(symbol)


def strategy_markets(spec: StrategySpec) -> list[tuple[str, str]]:
    """Every (exchange, symbol) the strategy may have orders on, in order, without repeats."""
    markets: list[tuple[str, str]] = []
    for entry in entries(spec):
        if "symbol1" in entry:
            exchange = str(entry.get("counterParty") or spec.exchange)
            found = [
                (exchange, str(entry[key])) for key in ("symbol1", "symbol2", "symbol3") if entry.get(key)
            ]
        elif (market := entry_market(spec, entry)) is not None:
            found = [market]
            if entry.get("exchange2"):
                found.append((str(entry["exchange2"]), market[1]))
        else:
            found = []
        markets.extend(market for market in found if market not in markets)
    return markets


# --- the form -----------------------------------------------------------------------------------------------


def form_sections(
    spec: StrategySpec, instrument_of: InstrumentLookup, exchanges: Sequence[str]
) -> list[FormSection]:
    """The form of ``spec``: its name, then a section per entry (and per margin row) of its type's table."""
    general = FormSection(
        tr("Strategy"),
        (
            FormField(
                NAME_PATH,
                tr("Name"),
                FieldKind.TEXT,
                spec.name,
                tooltip=tr("The strategy's name at the venue"),
            ),
        ),
    )
    type_def = TYPES.get(spec.strategy_type)
    if type_def is None:
        return [general]
    sections = [general]
    for index, entry in enumerate(entries(spec)):
        market = entry_market(spec, entry)
        instrument = instrument_of(*market) if market else None
        title = (
            tr("{symbol} on {exchange}").format(symbol=market[1], exchange=market[0])
            if market
            else tr("Entry {number}").format(number=index + 1)
        )
        sections.append(
            FormSection(title, _fields(type_def.fields, entry, ("symbols", index), instrument, exchanges))
        )
        for group in type_def.groups:
            rows = entry.get(group.key)
            for row_index, row in enumerate(rows if isinstance(rows, list) else []):
                if isinstance(row, dict):
                    path = ("symbols", index, group.key, row_index)
                    sections.append(
                        FormSection(
                            tr(group.title).format(counterParty=row.get("counterParty", row_index + 1)),
                            _fields(group.fields, row, path, None, exchanges),
                        )
                    )
    return sections


def _fields(
    defs: Sequence[FieldDef],
    data: Mapping[str, Any],
    prefix: tuple[Hashable, ...],
    instrument: Instrument | None,
    exchanges: Sequence[str],
) -> tuple[FormField, ...]:
    return tuple(
        _form_field(field_def, data, (*prefix, field_def.key), instrument, exchanges)
        for field_def in defs
        if field_def.key in data or field_def.required
    )


def _form_field(
    field_def: FieldDef,
    data: Mapping[str, Any],
    path: tuple[Hashable, ...],
    instrument: Instrument | None,
    exchanges: Sequence[str],
) -> FormField:
    value = data.get(field_def.key)
    kind = field_def.kind
    common = _Common(
        path=path,
        label=tr(field_def.label),
        tooltip=tr(field_def.tooltip),
        hint=tr(field_def.hint) if field_def.hint else "",
    )
    if kind is Kind.SIDE:
        choices = tuple((side, tr(SIDE_LABELS[side])) for side in SIDES)
        return FormField(kind=FieldKind.CHOICE, value=str(value or "Both"), choices=choices, **common)
    if kind is Kind.EXCHANGE:
        return FormField(
            kind=FieldKind.CHOICE,
            value=str(value or (exchanges[0] if exchanges else "")),
            choices=tuple((exchange, exchange) for exchange in exchanges),
            **common,
        )
    if kind is Kind.TEXT:
        return FormField(kind=FieldKind.TEXT, value="" if value is None else str(value), **common)
    minimum = field_def.minimum if field_def.minimum is not None else Decimal(0)
    maximum = field_def.maximum
    if kind in (Kind.COUNT, Kind.INDEX):
        return FormField(
            kind=FieldKind.INTEGER,
            value=_text(value),
            minimum=max(minimum, Decimal(1 if kind is Kind.COUNT else 0)),
            maximum=maximum,
            **common,
        )
    decimals, unit = _DEFAULT_PLACES, ""
    if kind is Kind.QTY:
        decimals = instrument.qty_decimals if instrument else _DEFAULT_PLACES
        unit = instrument.base if instrument else str(data.get("currency1", ""))
        if field_def.instrument_limits:
            minimum = instrument.min_qty if instrument else Decimal(1).scaleb(-decimals)
            maximum = instrument.max_qty if instrument else None
    elif kind is Kind.PRICE:
        decimals = instrument.price_decimals if instrument else _DEFAULT_PLACES
        unit = instrument.quote if instrument else str(data.get("currency2", ""))
    elif kind is Kind.AMOUNT:
        unit = _currency(field_def.currency, data, instrument)
    elif kind is Kind.SECONDS:
        decimals, unit = 3, tr("s")
    elif kind is Kind.PERCENT:
        decimals, unit = 4, "%"
        minimum = minimum * _PERCENT
        maximum = (maximum if maximum is not None else Decimal(1)) * _PERCENT  # at most 100 %
        value = None if value is None else _decimal(value) * _PERCENT
    return FormField(
        kind=FieldKind.NUMBER,
        value=_text(value, normalize=kind is Kind.PERCENT),
        unit=unit,
        decimals=decimals,
        minimum=minimum,
        maximum=maximum,
        **common,
    )


def _currency(key: str, data: Mapping[str, Any], instrument: Instrument | None) -> str:
    if data.get(key):
        return str(data[key])
    if instrument is not None and key in ("currency1", "currency2"):
        return instrument.base if key == "currency1" else instrument.quote
    return ""


def _decimal(value: Any) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _text(value: Any, *, normalize: bool = False) -> str:
    if value is None or value == "":
        return ""
    number = _decimal(value)
    return format(number.normalize() if normalize else number, "f")


# --- from the form back to the strategy ---------------------------------------------------------------------


def apply_values(spec: StrategySpec, values: Mapping[Hashable, FieldValue | None]) -> StrategySpec:
    """``spec`` with the form's values at their paths (percent back to fractions); other fields kept."""
    params = copy.deepcopy(spec.params)
    name = spec.name
    type_def = TYPES.get(spec.strategy_type)
    for path, value in values.items():
        if path == NAME_PATH:
            name = str(value or "")
            continue
        if type_def is None or value is None or not isinstance(path, tuple):
            continue
        *where, key = path
        target: Any = params
        for step in where:
            target = target[step]
        target[key] = _wire_value(_definition(type_def, path), value)
    return replace(spec, name=name, params=params)


def _definition(type_def: TypeDef, path: tuple[Hashable, ...]) -> FieldDef:
    key = path[-1]
    defs = type_def.fields
    if len(path) == 5:  # ("symbols", i, group, j, key)
        defs = next(group.fields for group in type_def.groups if group.key == path[2])
    return next(field_def for field_def in defs if field_def.key == key)


def _wire_value(field_def: FieldDef, value: FieldValue) -> FieldValue:
    if field_def.kind is Kind.PERCENT:
        return _decimal(value) / _PERCENT
    if field_def.kind in (Kind.COUNT, Kind.INDEX):
        return int(value)
    return value


def from_template(
    template: StrategySpec, name: str, exchange: str, symbol: str, instrument: Instrument | None
) -> StrategySpec:
    """A new (unsaved) strategy from a venue template, on ``exchange``/``symbol``.

    The template's first entry quotes the symbol (its ``name`` becomes the symbol too); ``currency1`` and
    ``currency2`` follow the symbol's base and quote. Everything else keeps the template's values.
    """
    params = copy.deepcopy(template.params)
    symbols = params.get("symbols")
    if isinstance(symbols, list) and symbols and isinstance(symbols[0], dict):
        first = symbols[0]
        first["symbol"] = symbol
        first["name"] = symbol
        if instrument is not None:
            first["currency1"] = instrument.base
            first["currency2"] = instrument.quote
    return replace(template, name=name, exchange=exchange, params=params, strategy_id="")


_FIELD_IN_MESSAGE = re.compile(r"symbols\[(\d+)\]\.(\w+)(?:\[(\d+)\]\.(\w+))?")


def path_in_message(message: str) -> tuple[Hashable, ...] | None:
    """The form path a venue message names (``symbols[0].orderQty must ...``), if it names one."""
    match = _FIELD_IN_MESSAGE.search(message)
    if match is None:
        return None
    index, key, row, sub_key = match.groups()
    if row is not None:
        return ("symbols", int(index), key, int(row), sub_key)
    return ("symbols", int(index), key)
