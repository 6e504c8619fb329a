"""Every documented example parses into its model and goes back in the wire's names; the query builder."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pydantic import TypeAdapter

from services.aggregion import schemas as s
from tests.services.aggregion.doc_examples import EXAMPLES, example


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_every_example_parses_and_round_trips_its_wire_names(name: str):
    shape, _ = EXAMPLES[name]
    data = example(name)
    parsed = TypeAdapter(shape).validate_python(data)
    dumped = TypeAdapter(shape).dump_python(parsed, mode="json", by_alias=True, exclude_none=True)
    first_in, first_out = (data[0], dumped[0]) if isinstance(data, list) else (data, dumped)
    assert set(first_in) - {"code", "refreshToken"} <= set(first_out)  # nulls of the token request aside


def test_the_doc_quirks_are_read_as_documented():
    item = TypeAdapter(s.Item).validate_python(example("item_create_response"))
    assert item.creator == "123"  # a number in the doc, an id here
    accounts = TypeAdapter(list[s.IdAccount]).validate_python(example("notes_users_me_accounts"))
    assert accounts[0].admins == ["123", "456"]
    old = s.MoveToAccountRequest.model_validate(example("move_to_account_request"))
    assert old.document_options == []  # the short doc's {} is an empty option list
    grouped = TypeAdapter(list[s.GroupedItems]).validate_python(example("fund_grouped"))
    assert grouped[0].items[0].qty == 9
    assert s.format_date(grouped[0].items[0].creation_date) == "2015-04-24T13:21:18.000Z"
    server = s.ServerTokenRequest.model_validate(example("notes_server_token_request"))
    assert server.auth.expires_in == "63072000"
    entry = s.CatalogEntry.model_validate(example("catalog_get"))
    assert entry.title_in("ru_RU") == "Название на русском языке"
    assert entry.title_in("ru") == "Название на русском языке"
    assert entry.title_in("de_DE") == "English"


def test_the_token_request_keeps_the_unused_grant_as_null():
    body = s.TokenRequest(client_id="c", client_secret="x", grant_type=s.GrantType.CODE, code="k").body()
    assert body == {
        "clientId": "c",
        "clientSecret": "x",
        "grantType": "code",
        "code": "k",
        "refreshToken": None,
    }


def test_move_to_fund_sends_both_spellings_of_the_target():
    body = s.to_wire(s.MoveToFundRequest.to("f-2", [s.ItemsLine(catalog="c", qty=2)], from_fund="f-1"))
    assert body == {"items": [{"catalog": "c", "qty": 2}], "fund": "f-2", "toFund": "f-2", "fromFund": "f-1"}


def test_filters_are_written_as_the_doc_writes_them():
    moment = datetime(2015, 4, 24, 13, 21, 18, tzinfo=UTC)
    query = (
        s.ListQuery()
        .where("tags", "layouts")
        .where("qty", 3, s.Sign.GREATER)
        .where("isPublic", True, s.Sign.NOTEQUALS)
        .where("tags", ["a", "b"], s.Sign.IN)
        .where("title.ru_RU", "^Наб", s.Sign.REGEX)
        .where("creationDate", moment, s.Sign.LESS)
        .searching("scalp")
        .extended("owner", "item.catalog")
        .ordered("-title.en_US")
    )
    assert query.params() == {
        "filter": [
            'tags("layouts",equals)',
            'qty("3",greater)',
            "isPublic(true,notequals)",
            'tags(["a", "b"],in)',
            'title.ru_RU("^Наб",regex)',
            'creationDate("2015-04-24T13:21:18.000Z",less)',
        ],
        "textsearch": "scalp",
        "extend": ["owner", "item.catalog"],
        "order": ["-title.en_US"],
    }


def test_a_filter_refuses_what_the_syntax_cannot_carry():
    with pytest.raises(ValueError):
        s.Filter("tags) or (1", "x")
    with pytest.raises(ValueError):
        s.Filter("tags", "x", s.Sign.IN)


def test_ranges_and_content_ranges():
    assert s.ItemRange.page(2, 10).header() == "items=20-29"
    with pytest.raises(ValueError):
        s.ItemRange(5, 4)
    assert s.ContentRange.parse("items 0-9/42") == s.ContentRange(0, 9, 42)
    assert s.ContentRange.parse("items */0") == s.ContentRange(None, None, 0)
    with pytest.raises(ValueError):
        s.ContentRange.parse("bytes 0-9/42")
