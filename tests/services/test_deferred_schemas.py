"""The venues' wire models are built on first use, not when their module is imported (start-up time)."""

import subprocess
import sys

import pydantic
import pytest

SCHEMAS = ["aggregion", "chp", "coinweight", "dxregister", "marketdata", "ramm"]

PROBE = """
import importlib, sys
import pydantic
built = []
for venue in sys.argv[1:]:
    module = importlib.import_module(f"services.{venue}.schemas")
    for name, value in vars(module).items():
        if getattr(value, "__module__", None) != module.__name__ or "[" in name:
            continue  # imported, or a generic base's parametrisation (nothing of the wire)
        if (
            isinstance(value, type)
            and issubclass(value, pydantic.BaseModel)
            and not value.__pydantic_generic_metadata__["parameters"]
            and value.__pydantic_complete__
        ):
            built.append(f"{venue}.{name}")
        if isinstance(value, pydantic.TypeAdapter) and value.pydantic_complete:
            built.append(f"{venue}.{name}")
print(" ".join(built))
"""


def test_importing_the_schemas_builds_no_model() -> None:
    out = subprocess.run(
        [sys.executable, "-c", PROBE, *SCHEMAS], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.split() == []


def test_a_deferred_model_parses_and_refuses_as_before() -> None:
    from services.marketdata.schemas import BOOK_TICKERS

    row = {"symbol": "BTCUSDT", "bidPrice": "1", "bidQty": "2", "askPrice": "3", "askQty": "4"}
    assert BOOK_TICKERS.validate_python([row])[0].symbol == "BTCUSDT"
    with pytest.raises(pydantic.ValidationError, match="bidPrice"):
        BOOK_TICKERS.validate_python([{**row, "bidPrice": "x"}])
