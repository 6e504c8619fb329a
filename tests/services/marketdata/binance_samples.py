"""Answers as api.binance.com gives them (shapes and formatting of real responses, trimmed to a few rows)."""

EXCHANGE_INFO = {
    "timezone": "UTC",
    "serverTime": 1718294400123,
    "rateLimits": [
        {"rateLimitType": "REQUEST_WEIGHT", "interval": "MINUTE", "intervalNum": 1, "limit": 6000},
        {"rateLimitType": "ORDERS", "interval": "SECOND", "intervalNum": 10, "limit": 100},
        {"rateLimitType": "ORDERS", "interval": "DAY", "intervalNum": 1, "limit": 200000},
        {"rateLimitType": "RAW_REQUESTS", "interval": "MINUTE", "intervalNum": 5, "limit": 61000},
    ],
    "exchangeFilters": [],
    "symbols": [
        {
            "symbol": "ETHBTC",
            "status": "TRADING",
            "baseAsset": "ETH",
            "baseAssetPrecision": 8,
            "quoteAsset": "BTC",
            "quotePrecision": 8,
            "quoteAssetPrecision": 8,
            "baseCommissionPrecision": 8,
            "quoteCommissionPrecision": 8,
            "orderTypes": ["LIMIT", "LIMIT_MAKER", "MARKET", "STOP_LOSS_LIMIT", "TAKE_PROFIT_LIMIT"],
            "icebergAllowed": True,
            "ocoAllowed": True,
            "otoAllowed": True,
            "quoteOrderQtyMarketAllowed": True,
            "allowTrailingStop": True,
            "cancelReplaceAllowed": True,
            "isSpotTradingAllowed": True,
            "isMarginTradingAllowed": True,
            "filters": [
                {
                    "filterType": "PRICE_FILTER",
                    "minPrice": "0.00001000",
                    "maxPrice": "922327.00000000",
                    "tickSize": "0.00001000",
                },
                {
                    "filterType": "LOT_SIZE",
                    "minQty": "0.00010000",
                    "maxQty": "100000.00000000",
                    "stepSize": "0.00010000",
                },
                {"filterType": "ICEBERG_PARTS", "limit": 10},
                {
                    "filterType": "MARKET_LOT_SIZE",
                    "minQty": "0.00000000",
                    "maxQty": "2243.48873305",
                    "stepSize": "0.00000000",
                },
                {
                    "filterType": "TRAILING_DELTA",
                    "minTrailingAboveDelta": 10,
                    "maxTrailingAboveDelta": 2000,
                    "minTrailingBelowDelta": 10,
                    "maxTrailingBelowDelta": 2000,
                },
                {
                    "filterType": "NOTIONAL",
                    "minNotional": "0.00010000",
                    "applyMinToMarket": True,
                    "maxNotional": "9000000.00000000",
                    "applyMaxToMarket": False,
                    "avgPriceMins": 5,
                },
                {"filterType": "MAX_NUM_ORDERS", "maxNumOrders": 200},
            ],
            "permissions": [],
            "permissionSets": [["SPOT", "MARGIN", "TRD_GRP_004"]],
            "defaultSelfTradePreventionMode": "EXPIRE_MAKER",
            "allowedSelfTradePreventionModes": ["EXPIRE_TAKER", "EXPIRE_MAKER", "EXPIRE_BOTH"],
        },
        {
            "symbol": "BTCUSDT",
            "status": "TRADING",
            "baseAsset": "BTC",
            "baseAssetPrecision": 8,
            "quoteAsset": "USDT",
            "quotePrecision": 8,
            "quoteAssetPrecision": 8,
            "orderTypes": ["LIMIT", "LIMIT_MAKER", "MARKET", "STOP_LOSS_LIMIT", "TAKE_PROFIT_LIMIT"],
            "isSpotTradingAllowed": True,
            "isMarginTradingAllowed": True,
            "filters": [
                {
                    "filterType": "PRICE_FILTER",
                    "minPrice": "0.01000000",
                    "maxPrice": "1000000.00000000",
                    "tickSize": "0.01000000",
                },
                {
                    "filterType": "LOT_SIZE",
                    "minQty": "0.00001000",
                    "maxQty": "9000.00000000",
                    "stepSize": "0.00001000",
                },
            ],
            "permissions": [],
            "permissionSets": [["SPOT", "MARGIN"]],
        },
        {
            # a base asset that no "split before the quote" guess gets right
            "symbol": "1000SATSUSDT",
            "status": "TRADING",
            "baseAsset": "1000SATS",
            "baseAssetPrecision": 8,
            "quoteAsset": "USDT",
            "quotePrecision": 8,
            "quoteAssetPrecision": 8,
            "orderTypes": ["LIMIT", "MARKET"],
            "isSpotTradingAllowed": True,
            "isMarginTradingAllowed": False,
            "filters": [
                {
                    "filterType": "PRICE_FILTER",
                    "minPrice": "0.00000001",
                    "maxPrice": "1.00000000",
                    "tickSize": "0.00000001",
                },
                {
                    "filterType": "LOT_SIZE",
                    "minQty": "1.00000000",
                    "maxQty": "92141578.00000000",
                    "stepSize": "1.00000000",
                },
            ],
            "permissions": [],
        },
    ],
}

KLINES_1H = [
    [
        1718283600000, "66980.01000000", "67052.35000000", "66834.00000000", "66914.00000000", "640.73123000",
        1718287199999, "42894811.19047870", 49120, "301.19822000", "20164371.41130810", "0",
    ],
    [
        1718287200000, "66914.01000000", "67094.00000000", "66851.42000000", "67012.00000000", "712.28511000",
        1718290799999, "47705311.88196050", 52833, "362.40613000", "24272826.52617850", "0",
    ],
    [
        1718290800000, "67012.00000000", "67189.99000000", "66990.10000000", "67012.01000000", "455.02117000",
        1718294399999, "30531844.20376400", 39771, "230.11932000", "15441019.88771120", "0",
    ],
]  # fmt: skip

DEPTH = {
    "lastUpdateId": 48123091542,
    "bids": [
        ["67012.00000000", "3.21451000"],
        ["67011.99000000", "0.00120000"],
        ["67011.50000000", "0.04000000"],
    ],
    "asks": [["67012.01000000", "1.80218000"], ["67012.02000000", "0.00030000"]],
}

BOOK_TICKER_BTC = {
    "symbol": "BTCUSDT",
    "bidPrice": "67012.00000000",
    "bidQty": "3.21451000",
    "askPrice": "67012.01000000",
    "askQty": "1.80218000",
}
BOOK_TICKER_ETH = {
    "symbol": "ETHBTC",
    "bidPrice": "0.05224000",
    "bidQty": "41.73660000",
    "askPrice": "0.05225000",
    "askQty": "13.17850000",
}

TICKER_24H_BTC = {
    "symbol": "BTCUSDT",
    "priceChange": "-418.73000000",
    "priceChangePercent": "-0.621",
    "weightedAvgPrice": "67264.69583870",
    "prevClosePrice": "67430.74000000",
    "lastPrice": "67012.01000000",
    "lastQty": "0.00152000",
    "bidPrice": "67012.00000000",
    "bidQty": "3.21451000",
    "askPrice": "67012.01000000",
    "askQty": "1.80218000",
    "openPrice": "67430.74000000",
    "highPrice": "68194.44000000",
    "lowPrice": "66310.00000000",
    "volume": "25613.60125000",
    "quoteVolume": "1722888412.62939070",
    "openTime": 1718208000123,
    "closeTime": 1718294400123,
    "firstId": 3638423010,
    "lastId": 3639602911,
    "count": 1179902,
}
TICKER_24H_ETH = {
    "symbol": "ETHBTC",
    "priceChange": "0.00031000",
    "priceChangePercent": "0.597",
    "weightedAvgPrice": "0.05211735",
    "prevClosePrice": "0.05194000",
    "lastPrice": "0.05225000",
    "lastQty": "0.05140000",
    "bidPrice": "0.05224000",
    "bidQty": "41.73660000",
    "askPrice": "0.05225000",
    "askQty": "13.17850000",
    "openPrice": "0.05194000",
    "highPrice": "0.05241000",
    "lowPrice": "0.05180000",
    "volume": "23105.37060000",
    "quoteVolume": "1204.20165431",
    "openTime": 1718208000201,
    "closeTime": 1718294400201,
    "firstId": 452217310,
    "lastId": 452289904,
    "count": 72595,
}

TRADES = [
    {
        "id": 3639602910,
        "price": "67012.00000000",
        "qty": "0.00811000",
        "quoteQty": "543.46732000",
        "time": 1718294399871,
        "isBuyerMaker": True,
        "isBestMatch": True,
    },
    {
        "id": 3639602911,
        "price": "67012.01000000",
        "qty": "0.00152000",
        "quoteQty": "101.85825520",
        "time": 1718294400012,
        "isBuyerMaker": False,
        "isBestMatch": True,
    },
]

SERVER_TIME = {"serverTime": 1718294400123}

INVALID_SYMBOL = {"code": -1121, "msg": "Invalid symbol."}
TOO_MUCH_WEIGHT = {
    "code": -1003,
    "msg": "Too much request weight used; current limit is 6000 request weight per 1 MINUTE. "
    "Please use WebSocket Streams for live updates to avoid polling the API.",
}
