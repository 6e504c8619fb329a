# ruff: noqa: E501
"""The JSON examples of api-docs/coinweight-exchange-api-v2.md, in the doc's order.

Cleaned only as JSON requires: comments dropped; curly quotes, full-width commas and single quotes made plain;
missing commas added. ``example(name)`` parses one.
"""

from __future__ import annotations

import json
from typing import Any

EXAMPLES: dict[str, str] = {}

EXAMPLES["order_model"] = """\
{
  "streetOrderId":"1234567",
  "orderType":"LIMIT",
  "symbol":"BTC-USDT",
  "side":"BID",
  "owner":"2",
  "counterParty":"binance",
  "price":"0.00123",
  "quantity":"10.000",
  "filledPrice":"0.00",
  "filledQuantity":"0.00",
  "executionType":"EXECUTION_ACK",
  "createTime":1530861306000,
  "processedTime":1530861306000
}
"""

EXAMPLES["ok_response"] = """\
{
  "success":true,
  "errorCode":0,
  "errorMsg":"ok",
  "data": {
  }
}
"""

EXAMPLES["error_response"] = """\
{
  "success":false,
  "errorCode":403,
  "errorMsg":"authentication failure",
  "data":null
}
"""

EXAMPLES["test_auth_ok"] = """\
{
  "uid": 1,
  "group": "group1"
}
"""

EXAMPLES["test_auth_error"] = """\
{
  "success": false,
  "errorCode": 403,
  "errorMsg": "Authentication Failure",
  "data": null
}
"""

EXAMPLES["config_symbols"] = """\
{
  "success":true,
  "errorCode":0,
  "errorMsg":"ok",
  "data":[
    {
      "counterParty":"huobi",
      "symbols":[
        {
          "name":"ETH-USDT",
          "base":"ETH",
          "quote":"USDT",
          "priceDecimal":2,
          "quantityDecimal":4,
          "quantityMin":0.001,
          "quantityMax":10000.0
        }
      ]
    },
    {
      "counterParty":"binance",
      "symbols":[
        {
          "name":"ETH-USDT",
          "base":"ETH",
          "quote":"USDT",
          "priceDecimal":2,
          "quantityDecimal":4,
          "quantityMin":0.001,
          "quantityMax":10000.0
        }
      ]
    }
  ]
}
"""

EXAMPLES["market_default"] = """\
{
  "success":true,
  "errorCode":0,
  "errorMsg":"ok",
  "data":[
    {
      "category":"BTC",
      "items":[
        {
          "counterParty":"binance",
          "symbol":"ETH-BTC",
          "favorite": false
        },
        {
          "counterParty":"huobi",
          "symbol":"ETH-BTC",
          "favorite": false
        }
      ]
    },
    {
      "category":"ETH",
      "items":[
        {
          "counterParty":"binance",
          "symbol":"EOS-ETH",
          "favorite": false
        },
        {
          "counterParty":"huobi",
          "symbol":"EOS-ETH",
          "favorite": false
        }
      ]
    }
  ]
}
"""

EXAMPLES["market_custom"] = """\
{
  "success":true,
  "errorCode":0,
  "errorMsg":"ok",
  "data":[
    {
      "category":"BTC",
      "items":[
        {
          "counterParty":"binance",
          "symbol":"ETH-BTC",
          "favorite": true
        },
        {
          "counterParty":"huobi",
          "symbol":"ETH-BTC",
          "favorite": false
        }
      ]
    },
    {
      "category":"ETH",
      "items":[
        {
          "counterParty":"binance",
          "symbol":"EOS-ETH",
          "favorite": false
        },
        {
          "counterParty":"huobi",
          "symbol":"EOS-ETH",
          "favorite": true
        }
      ]
    }
  ]
}
"""

EXAMPLES["favorite_list"] = """\
{
  "success":true,
  "errorCode":0,
  "errorMsg":"ok",
  "data":[
    {
      "counterParty":"binance",
      "symbol":"ETH-BTC",
      "favorite": true
    },
    {
      "counterParty":"huobi",
      "symbol":"EOS-USDT",
      "favorite": true
    }
  ]
}
"""

EXAMPLES["favorite_add_request"] = """\
{
  "counterParty": "binance",
  "symbol": "ETH-BTC"
}
"""

EXAMPLES["favorite_add_response"] = """\
{
  "success":true,
  "errorCode":0,
  "errorMsg":"ok",
  "data": null
}
"""

EXAMPLES["strategy_default_items"] = """\
{
  "success":true,
  "errorCode":0,
  "errorMsg":"ok",
  "data": [
    {
      "name": "VolumeMarketMaker",
      "default": {
        "name": "octmm",
        "exchange": "binance",
        "owner": "strategy-10",
        "strategyType": "VolumeMarketMaker",
        "symbols": [{
            "name": "test",
            "symbol": "ETH-BTC",
            "currency1": "ETH",
            "margin1": 0.2,
            "currency2": "BTC",
            "margin2": 0.02,
            "orderQty": 0.1,
            "qtyVar": 0.0,
            "priceVar": 0.0,
            "middlePrice": 0,
            "replaceDelay": 60.0,
            "delayVar": 10
          }
        ]
      }
    },
    {
      "name": "SingleMarketMaker",
      "default": {
        "name": "octmm",
        "exchange": "binance",
        "strategyType": "SingleMarketMaker",
        "owner": "strategy-11",
        "symbols": [{
            "name": "test",
            "symbol": "ETH-BTC",
            "side": "Both",
            "currency1": "ETH",
            "margin1": 0.1,
            "currency2": "BTC",
            "margin2": 0.01,
            "orderNumber": 1,
            "spreadPct": 0.04,
            "orderQty": 0.1,
            "qtyVar": 0.0,
            "priceStep": 0.0001,
            "priceVar": 0.0,
            "middlePrice": 0,
            "replaceDelay": 1.0,
            "middlePriceStep": 0.0001,
            "toleranceVar": 0.001
          }
        ]
      }
    }
  ]
}
"""

EXAMPLES["strategy_custom_items"] = """\
{
  "success":true,
  "errorCode":0,
  "errorMsg":"ok",
  "data": [
    {
      "id": "1",
      "name": "octmm",
      "exchange": "binance",
      "strategyType": "SingleMarketMaker",
      "symbols": [{
        "name": "OCT-ETH",
        "currency": "ETH",
        "strategy": "octmm",
        "margin": 0.1,
        "orderNumber": 10,
        "spreadPct": 0.03,
        "orderQty": 10,
        "qtyVar": 0.01,
        "priceStep": 0.0001,
        "priceVar": 0.0001
      }, {
        "name": "OCT-BTC",
        "currency": "BTC",
        "strategy": "octmm",
        "margin": 0.01,
        "orderNumber": 10,
        "spreadPct": 0.03,
        "orderQty": 10,
        "qtyVar": 0.01,
        "priceStep": 0.0001,
        "priceVar": 0.0001
      }]
    }
  ]
}
"""

EXAMPLES["strategy_update_request"] = """\
{
  "id": "1",
  "name": "octmm",
  "exchange": "binance",
  "owner": "strategy-10",
  "strategyType": "VolumeMarketMaker",
  "symbols": [{
      "name": "test",
      "symbol": "ETH-BTC",
      "currency1": "ETH",
      "margin1": 0.2,
      "currency2": "BTC",
      "margin2": 0.02,
      "orderQty": 0.1,
      "qtyVar": 0.0,
      "priceVar": 0.0,
      "middlePrice": 0,
      "replaceDelay": 60.0,
      "delayVar": 10
    }
  ]
}
"""

EXAMPLES["strategy_update_response"] = """\
{
  "success":true,
  "errorCode":0,
  "errorMsg":"ok",
  "data":  {
    "id": "1",
    "name": "octmm",
    "exchange": "binance",
    "owner": "strategy-10",
    "strategyType": "VolumeMarketMaker",
    "symbols": [{
        "name": "test",
        "symbol": "ETH-BTC",
        "currency1": "ETH",
        "margin1": 0.2,
        "currency2": "BTC",
        "margin2": 0.02,
        "orderQty": 0.1,
        "qtyVar": 0.0,
        "priceVar": 0.0,
        "middlePrice": 0,
        "replaceDelay": 60.0,
        "delayVar": 10
      }
    ]
  }
}
"""

EXAMPLES["strategy_create_request"] = """\
{
    "name": "octmm",
    "exchange": "binance",
    "owner": "strategy-10",
    "strategyType": "VolumeMarketMaker",
    "symbols": [{
        "name": "test",
        "symbol": "ETH-BTC",
        "currency1": "ETH",
        "margin1": 0.2,
        "currency2": "BTC",
        "margin2": 0.02,
        "orderQty": 0.1,
        "qtyVar": 0.0,
        "priceVar": 0.0,
        "middlePrice": 0,
        "replaceDelay": 60.0,
        "delayVar": 10
      }
    ]
}
"""

EXAMPLES["strategy_create_response"] = """\
{
  "success":true,
  "errorCode":0,
  "errorMsg":"ok",
  "data":  {
    "1" : {
      "name": "octmm",
      "exchange": "binance",
      "owner": "strategy-10",
      "strategyType": "VolumeMarketMaker",
      "symbols": [{
          "name": "test",
          "symbol": "ETH-BTC",
          "currency1": "ETH",
          "margin1": 0.2,
          "currency2": "BTC",
          "margin2": 0.02,
          "orderQty": 0.1,
          "qtyVar": 0.0,
          "priceVar": 0.0,
          "middlePrice": 0,
          "replaceDelay": 60.0,
          "delayVar": 10
        }
      ]
    }
  }
}
"""

EXAMPLES["strategy_delete_request"] = """\
{
  "id": "1"
}
"""

EXAMPLES["strategy_delete_response"] = """\
{
  "success":true,
  "errorCode":0,
  "errorMsg":"ok",
  "data": {
    "1": {
      "name": "octmm",
      "exchange": "binance",
      "owner": "strategy-10",
      "strategyType": "VolumeMarketMaker",
      "symbols": [{
          "name": "test",
          "symbol": "ETH-BTC",
          "currency1": "ETH",
          "margin1": 0.2,
          "currency2": "BTC",
          "margin2": 0.02,
          "orderQty": 0.1,
          "qtyVar": 0.0,
          "priceVar": 0.0,
          "middlePrice": 0,
          "replaceDelay": 60.0,
          "delayVar": 10
        }
      ]
    }
  }
}
"""

EXAMPLES["favorite_delete_request"] = """\
{
  "counterParty": "binance",
  "symbol": "ETH-BTC"
}
"""

EXAMPLES["favorite_delete_response"] = """\
{
  "success":true,
  "errorCode":0,
  "errorMsg":"ok",
  "data": null
}
"""

EXAMPLES["professional_default"] = """\
{
  "success":true,
  "errorCode":0,
  "errorMsg":"ok",
  "data":[
    {
      "position":1,
      "counterParty":"binance",
      "symbol":"ETH-BTC"
    },
    {
      "position":2,
      "counterParty":"huobi",
      "symbol":"EOS-USDT"
    },
    {
      "position":3,
      "counterParty":"okcoin",
      "symbol":"EOS-USDT"
    }
  ]
}
"""

EXAMPLES["professional_custom"] = """\
{
  "success":true,
  "errorCode":0,
  "errorMsg":"ok",
  "data":[
    {
      "position":1,
      "counterParty":"binance",
      "symbol":"ETH-BTC"
    },
    {
      "position":2,
      "counterParty":"huobi",
      "symbol":"EOS-USDT"
    },
    {
      "position":3,
      "counterParty":"okcoin",
      "symbol":"EOS-USDT"
    }
  ]
}
"""

EXAMPLES["professional_update_request"] = """\
{
  "position":1,
  "counterParty":"binance",
  "symbol":"EOS-USDT"
}
"""

EXAMPLES["professional_update_response"] = """\
{
  "success":true,
  "errorCode":0,
  "errorMsg":"ok",
  "data":null
}
"""

EXAMPLES["simple_default"] = """\
{
  "success":true,
  "errorCode":0,
  "errorMsg":"ok",
  "data":[
    {
      "position":1,
      "counterParty":"binance",
      "symbol":"ETH-BTC"
    },
    {
      "position":2,
      "counterParty":"huobi",
      "symbol":"EOS-USDT"
    },
    {
      "position":12,
      "counterParty":"okcoin",
      "symbol":"EOS-USDT"
    }
  ]
}
"""

EXAMPLES["simple_custom"] = """\
{
  "success":true,
  "errorCode":0,
  "errorMsg":"ok",
  "data":[
    {
      "position":1,
      "counterParty":"binance",
      "symbol":"ETH-BTC"
    },
    {
      "position":2,
      "counterParty":"huobi",
      "symbol":"EOS-USDT"
    },
    {
      "position":12,
      "counterParty":"okcoin",
      "symbol":"EOS-USDT"
    }
  ]
}
"""

EXAMPLES["simple_update_request"] = """\
{
  "position":1,
  "counterParty":"binance",
  "symbol":"EOS-USDT"
}
"""

EXAMPLES["simple_update_response"] = """\
{
  "success":true,
  "errorCode":0,
  "errorMsg":"ok",
  "data":null
}
"""

EXAMPLES["order_create_request"] = """\
{
  "orderType":"LIMIT",
  "symbol":"BTC-USDT",
  "side":"BID",
  "owner":"2",
  "counterParty":"binance",
  "price":"0.00123",
  "quantity":"10.000"
}
"""

EXAMPLES["order_create_response"] = """\
{
  "success":true,
  "errorCode":0,
  "errorMsg":"ok",
  "data":{
    "streetOrderId":"1234567",
    "orderType":"LIMIT",
    "symbol":"BTC-USDT",
    "side":"BID",
    "owner":"2",
    "counterParty":"binance",
    "price":"0.00123",
    "quantity":"10.000",
    "filledPrice":"0.00",
    "filledQuantity":"0.00",
    "executionType":"EXECUTION_ACK",
    "createTime":1530861306000,
    "processedTime":1530861306000
  }
}
"""

EXAMPLES["order_update_request"] = """\
{
  "streetOrderId": "1234567",
  "price": "0.00145",
  "quantity": "10.000",
  "owner": "2",
  "counterParty": "binance"
}
"""

EXAMPLES["order_update_response"] = """\
{
  "success":true,
  "errorCode":0,
  "errorMsg":"ok",
  "data":{
    "streetOrderId":"1234567",
    "orderType":"LIMIT",
    "symbol":"BTC-USDT",
    "side":"BID",
    "owner":"2",
    "counterParty":"binance",
    "price":"0.00145",
    "quantity":"10.000",
    "filledPrice":"0.00",
    "filledQuantity":"0.00",
    "executionType":"EXECUTION_ACK",
    "createTime":1530861306000,
    "processedTime":1530861306000
  }
}
"""

EXAMPLES["order_update_failed"] = """\
{
  "success":false,
  "errorCode":1000,
  "errorMsg":"cannot update the order",
  "data":{
    "streetOrderId":"1234567",
    "orderType":"LIMIT",
    "symbol":"BTC-USDT",
    "side":"BID",
    "owner":"2",
    "counterParty":"binance",
    "price":"0.00123",
    "quantity":"10.000",
    "filledPrice":"0.00",
    "filledQuantity":"0.00",
    "executionType":"EXECUTION_PARTIAL_FILLED",
    "createTime":1530861306000,
    "processedTime":1530861306000
  }
}
"""

EXAMPLES["order_cancel_request"] = """\
{
  "streetOrderId": "1234567",
  "owner": "2",
  "counterParty": "binance"
}
"""

EXAMPLES["order_cancel_response"] = """\
{
  "success":true,
  "errorCode":0,
  "errorMsg":"ok",
  "data":{
    "streetOrderId":"1234567",
    "orderType":"LIMIT",
    "symbol":"BTC-USDT",
    "side":"BID",
    "owner":"2",
    "counterParty":"binance",
    "price":"0.00123",
    "quantity":"10.000",
    "filledPrice":"0.00",
    "filledQuantity":"0.00",
    "executionType":"EXECUTION_CANCELED",
    "createTime":1530861306000,
    "processedTime":1530861306000
  }
}
"""

EXAMPLES["cancel_all_request"] = """\
{
  "owner":"123",
  "selectedCounterParty":[
    "huobi",
    "binance"
  ]
}
"""

EXAMPLES["cancel_all_response"] = """\
{
  "owner":"123",
  "canceledCounterParty":[
    "huobi",
    "binance"
  ]
}
"""

EXAMPLES["order_active"] = """\
{
  "success":true,
  "errorCode":0,
  "errorMsg":"ok",
  "data":[
    {
      "streetOrderId":"1234567",
      "orderType":"LIMIT",
      "symbol":"BTC-USDT",
      "side":"BID",
      "owner":"2",
      "counterParty":"binance",
      "price":"0.00123",
      "quantity":"10.000",
      "filledPrice":"0.00",
      "filledQuantity":"0.00",
      "executionType":"EXECUTION_ACK",
      "createTime":1530861306000,
      "processedTime":1530861306000
    },
    {
      "streetOrderId":"1345678",
      "orderType":"LIMIT",
      "symbol":"BTC-USDT",
      "side":"ASK",
      "owner":"2",
      "counterParty":"huobi",
      "price":"0.00123",
      "quantity":"10.000",
      "filledPrice":"0.00",
      "filledQuantity":"0.00",
      "executionType":"EXECUTION_PARTIAL_FILLED",
      "createTime":1530861306000,
      "processedTime":1530861306000
    }
  ]
}
"""

EXAMPLES["order_inactive"] = """\
{
  "success":true,
  "errorCode":0,
  "errorMsg":"ok",
  "data":{
    "totalPage":10,
    "content":[
      {
        "streetOrderId":"1234567",
        "orderType":"LIMIT",
        "symbol":"BTC-USDT",
        "side":"BID",
        "owner":"2",
        "counterParty":"binance",
        "price":"0.00123",
        "quantity":"10.000",
        "filledPrice":"0.00",
        "filledQuantity":"0.00",
        "executionType":"EXECUTION_CANCELED",
        "createTime":1530861306000,
        "processedTime":1530861306000
      },
      {
        "streetOrderId":"1345678",
        "orderType":"LIMIT",
        "symbol":"BTC-USDT",
        "side":"ASK",
        "owner":"2",
        "counterParty":"huobi",
        "price":"0.00123",
        "quantity":"10.000",
        "filledPrice":"0.00",
        "filledQuantity":"0.00",
        "executionType":"EXECUTION_FILLED",
        "createTime":1530861306000,
        "processedTime":1530861306000
      }
    ]
  }
}
"""

EXAMPLES["login_request"] = """\
{
  "userName": "abc",
  "password": "abc_password"
}
"""

EXAMPLES["login_response"] = """\
{
  "success": true,
  "errorCode": 0,
  "data": {
    "uid": 2,
    "userName": "abc",
    "group": "group1",
    "email": "abc@gmail.com",
    "authToken": "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJ1aWQiOjIsImlzcyI6ImV4IiwiZXhwIjoxNTE3MTQ4NjYwLCJncm91cCI6Imdyb3VwMSJ9.YrYttRaGcFWro6WFsGkm3arnSQXyF1ZOWfT2-Uve6tI"
  }
}
"""

EXAMPLES["signup_request"] = """\
{
  "email": "abc@gmail.com",
  "phone": "12345",
  "userName": "abc",
  "password": "pwd123"
}
"""

EXAMPLES["signup_response"] = """\
{
  "success": true,
  "errorCode": 0,
  "data": {
    "uid": 2,
    "userName": "abc",
    "group": "group1",
    "authToken": "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJ1aWQiOjQsImlzcyI6ImV4IiwiZXhwIjoxNTE3MTQ4OTQwLCJncm91cCI6Imdyb3VwMSJ9.Z6GXtZGPCxt2v-e5E_lQ_8sXrgQHu4uwKJjrdof0Cvc"
  }
}
"""

EXAMPLES["user_info"] = """\
{
  "success":true,
  "errorCode":0,
  "data":{
    "uid":"123",
    "googleAuthEnabled":false,
    "group":"group1",
    "userName":"test",
    "phone":"135555555",
    "email":"xxx@ggmail.com",
    "avatar":"https://cdn1.iconfinder.com/data/icons/ninja-things-1/1772/ninja-512.png",
    "estimatedValue":"10.0027 USDT",
    "availableValue":"82.0000",
    "netUnitValue":"10.0027 USDT",
    "onOrders":"12.000",
    "changePercentage":-0.0218
  }
}
"""

EXAMPLES["user_position"] = """\
{
  "success":true,
  "errorCode":0,
  "data":[
    {
      "counterParty":"binance",
      "currency":"BTC",
      "totalAmount":"1000.0",
      "usedAmount":"12.001",
      "availableAmount": "999"
    },
    {
      "counterParty":"binance",
      "currency":"ETH",
      "totalAmount":"400.0",
      "usedAmount":"42.00",
      "availableAmount": "339"
    }
  ]
}
"""

EXAMPLES["pwd_change_request"] = """\
{
  "uid": 1234,
  "oldPassword": "old_password",
  "newPassword": "new_password"
}
"""

EXAMPLES["phone_verify_request"] = """\
{
  "uid": 1234,
  "phone": "123456789",
  "countryCode": "+86"
}
"""

EXAMPLES["phone_bind_request"] = """\
{
  "uid": 1234,
  "phone": "123456789",
  "countryCode": "+86",
  "verificationCode": "123456"
}
"""

EXAMPLES["totp_new_response"] = """\
{
  "bind": false,
  "hashKey": "asbcas123sdasd",
  "qrCodeText": "asbcas123sdasdasbcas123sdasd"
}
"""

EXAMPLES["totp_bind_request"] = """\
{
  "uid": 1234,
  "authCode": "025187"
}
"""

EXAMPLES["secret_list"] = """\
{
    "success": true,
    "errorCode": 0,
    "errorMsg": "ok",
    "data": [
        {
            "counterParty": "huobi",
            "owner": "1",
            "apiKey": "123456",
            "secretKey": "k****k"
        }
    ]
}
"""

EXAMPLES["secret_add_request"] = """\
{
  "counterParty": "huobi",
  "owner": "1",
  "apiKey": "123456",
  "secretKey": "kkkkkk"
}
"""

EXAMPLES["secret_add_response"] = """\
{
    "success": true,
    "errorCode": 0,
    "errorMsg": "ok",
    "data": null
}
"""

EXAMPLES["secret_delete_request"] = """\
{
  "counterParty": "huobi",
  "owner": "1"
}
"""

EXAMPLES["secret_delete_response"] = """\
{
    "success": true,
    "errorCode": 0,
    "errorMsg": "ok",
    "data": null
}
"""

EXAMPLES["strategy_start_request"] = """\
{
  "userid": "123",
  "strategy": {
      "id": "1",
      "name": "octmm",
      "exchange": "binance",
      "strategyType": "SingleMarketMaker",
      "symbols": [{
        "name": "OCT-ETH",
        "currency": "ETH",
        "strategy": "octmm",
        "margin": 0.1,
        "orderNumber": 10,
        "spreadPct": 0.03,
        "orderQty": 10,
        "qtyVar": 0.01,
        "priceStep": 0.0001,
        "priceVar": 0.0001
      }, {
        "name": "OCT-BTC",
        "currency": "BTC",
        "strategy": "octmm",
        "margin": 0.01,
        "orderNumber": 10,
        "spreadPct": 0.03,
        "orderQty": 10,
        "qtyVar": 0.01,
        "priceStep": 0.0001,
        "priceVar": 0.0001
      }]
    }
}
"""

EXAMPLES["strategy_start_response"] = """\
{
  "success": true,
  "seq_no": 0,
  "error_code": 0,
  "data": {
    "strategy": {
      "id": "1",
      "status": "running"
    }
  }
}
"""

EXAMPLES["strategy_stop_request"] = """\
{
  "userid": "123",
  "strategy": {
    "id":  "1",
    "bCancel": true,
    "name": "octmm",
    "exchange": "binance",
    "strategyType": "SingleMarketMaker",
    "symbols": [{
      "name": "OCT-ETH",
      "currency": "ETH",
      "strategy": "octmm",
      "margin": 0.1,
      "orderNumber": 10,
      "spreadPct": 0.03,
      "orderQty": 10,
      "qtyVar": 0.01,
      "priceStep": 0.0001,
      "priceVar": 0.0001
    }, {
      "name": "OCT-BTC",
      "currency": "BTC",
      "strategy": "octmm",
      "margin": 0.01,
      "orderNumber": 10,
      "spreadPct": 0.03,
      "orderQty": 10,
      "qtyVar": 0.01,
      "priceStep": 0.0001,
      "priceVar": 0.0001
    }]
  }
}
"""

EXAMPLES["strategy_stop_response"] = """\
{
  "success": true,
  "seq_no": 0,
  "error_code": 0,
  "data": {
    "strategy": {
      "id":  "1",
      "status": "stopped"
    }
  }
}
"""

EXAMPLES["strategy_leave_request"] = """\
{
  "userid": "123",
  "strategy": {
    "id":  "1",
    "bCancel": false,
    "name": "octmm",
    "exchange": "binance",
    "strategyType": "SingleMarketMaker",
    "symbols": [{
      "name": "OCT-ETH",
      "currency": "ETH",
      "strategy": "octmm",
      "margin": 0.1,
      "orderNumber": 10,
      "spreadPct": 0.03,
      "orderQty": 10,
      "qtyVar": 0.01,
      "priceStep": 0.0001,
      "priceVar": 0.0001
    }, {
      "name": "OCT-BTC",
      "currency": "BTC",
      "strategy": "octmm",
      "margin": 0.01,
      "orderNumber": 10,
      "spreadPct": 0.03,
      "orderQty": 10,
      "qtyVar": 0.01,
      "priceStep": 0.0001,
      "priceVar": 0.0001
    }]
  }
}
"""

EXAMPLES["strategy_status_response"] = """\
{
  "success": true,
  "seq_no": 0,
  "error_code": 0,
  "data": {
    "status": [
      {
        "id": "1",
        "status": "running"
      },
      {
        "id": "2",
        "status": "stopped"
      }
    ]
  }
}
"""


def example(name: str) -> Any:
    return json.loads(EXAMPLES[name])


# The default configuration of each strategy type, from the strategy document that
# api-notes/coinweight-strategies.md summarises (a public copy of the doc the exchange doc links to).
STRATEGY_DEFAULTS: dict[str, str] = {}

STRATEGY_DEFAULTS["SingleMarketMaker"] = """\
{
  "name": "octmm",
  "exchange": "binance",
  "strategyType": "SingleMarketMaker",
  "owner": "strategy-11",
  "symbols": [{
      "name": "test",
      "symbol": "ETH-BTC",
      "side": "Both",
      "currency1": "ETH",
      "margin1": 0.1,
      "currency2": "BTC",
      "margin2": 0.01,
      "orderNumber": 1,
      "spreadPct": 0.04,
      "orderQty": 0.1,
      "qtyVar": 0.0,
      "priceStep": 0.0001,
      "priceVar": 0.0,
      "middlePrice": 0,
      "replaceDelay": 1.0,
      "middlePriceStep": 0.0001,
      "toleranceVar": 0.001
    }
  ]
}
"""

STRATEGY_DEFAULTS["VolumeMarketMaker"] = """\
{
  "name": "octmm",
  "exchange": "binance",
  "owner": "strategy-10",
  "strategyType": "VolumeMarketMaker",
  "symbols": [{
      "name": "test",
      "symbol": "ETH-BTC",
      "currency1": "ETH",
      "margin1": 0.2,
      "currency2": "BTC",
      "margin2": 0.02,
      "orderQty": 0.1,
      "qtyVar": 0.0,
      "priceVar": 0.0,
      "middlePrice": 0,
      "replaceDelay": 60.0,
      "delayVar": 10
    }
  ]
}
"""

STRATEGY_DEFAULTS["Arbitrage"] = """\
{
  "name": "octmm",
  "strategyType": "Arbitrage",
  "owner": "strategy-11",
  "exchange": "binance",
  "symbols": [{
    "name": "test",
    "symbol": "ETH-BTC",
    "expiredSeconds": 2,
    "margins": [{
      "currency1": "ETH",
      "margin1": 0.1,
      "currency2": "BTC",
      "margin2": 0.01,
      "counterParty": "binance"
    }, {
      "currency1": "ETH",
      "margin1": 0.1,
      "currency2": "BTC",
      "margin2": 0.01,
      "counterParty": "bigone"
    }],
    "exchange1": "binance",
    "exchange2": "bigone",
    "buySpread": -0.001,
    "sellSpread": 0.001,
    "maxOrderQty": 0.1
  }]
}
"""

STRATEGY_DEFAULTS["Triangular"] = """\
{
    "bCancel": true,
    "exchange": "binance",
    "name": "test3",
    "owner": "strategy-11",
    "strategyType": "Triangular",
    "symbols": [
        {
            "counterParty": "binance",
            "currency1": "ETH",
            "currency2": "BTC",
            "currency3": "ONT",
            "expiredSeconds": 5,
            "margin1": "0.1",
            "margin2": "0.01",
            "margin3": "6",
            "maxOrderSize": 0.01,
            "name": "test",
            "parentIndex": 2,
            "symbol1": "ETH-BTC",
            "symbol2": "ONT-ETH",
            "symbol3": "ONT-BTC",
            "thresholdPct": 0.01
        }
    ]
}
"""

STRATEGY_DEFAULTS["AutoSpreadingPct"] = """\
{
    "bCancel": true,
    "exchange": "binance",
    "name": "test4",
    "owner": "strategy-11",
    "strategyType": "AutoSpreadingPct",
    "symbols": [
        {
            "makerCcy1": "ETH",
            "makerCcy2": "BTC",
            "makerExchange": "binance",
            "makerMargin1": "0.1",
            "makerMargin2": "0.06",
            "maxOrderSize": "0.02",
            "name": "UNNAME",
            "parentIndex": 3,
            "priceVar": "0",
            "quantityVar": "0",
            "side": "Ask",
            "spreadPct": "0.01",
            "symbol": "ETH-BTC",
            "watchedExchange": "binance"
        }
    ]
}
"""

STRATEGY_DEFAULTS["AutoSpreadingValue"] = """\
{
    "bCancel": true,
    "exchange": "binance",
    "name": "test4",
    "owner": "strategy-11",
    "strategyType": "AutoSpreadingValue",
    "symbols": [
        {
            "makerCcy1": "ETH",
            "makerCcy2": "BTC",
            "maxOrderSize": "0.015",
            "name": "UNNAME",
            "parentIndex": 3,
            "priceVar": "0",
            "quantityVar": "0",
            "side": "Ask",
            "spreadValue": "0.0001",
            "symbol": "ETH-BTC",
            "watchedExchange": "binance",
            "makerExchange": "huobi",
            "quoteExchange": "huobi",
            "margins": [{
              "currency1": "ETH",
              "margin1": 0.1,
              "currency2": "BTC",
              "margin2": 0.06,
              "counterParty": "binance"
            }, {
              "currency1": "ETH",
              "margin1": 0.1,
              "currency2": "BTC",
              "margin2": 0.06,
              "counterParty": "huobi"
            }]
        }
    ]
}
"""

STRATEGY_DEFAULTS["SpeedOrder"] = """\
{
    "exchange": "binance",
    "name": "test4",
    "owner": "strategy-11",
    "strategyType": "SpeedOrder",
    "symbols": [
        {
            "name": "speedOrder",
            "symbol": "ETH-BTC",
            "side": "Bid",
            "currency1": "ETH",
            "margin1": 0.1,
            "currency2": "BTC",
            "margin2": 0.01,
            "basePrice": 0.07,
            "priceStep": 0.0001,
            "priceVar": 0.0001,
            "orderNum": 2,
            "orderQty": 0.1,
            "qtyVar": 0.02
          }
    ]
}
"""


def strategy_default(strategy_type: str) -> Any:
    return json.loads(STRATEGY_DEFAULTS[strategy_type])
