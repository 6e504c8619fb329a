import asyncio

import qasync


async def test_async_tests_run_on_a_qasync_loop():
    loop = asyncio.get_running_loop()
    assert isinstance(loop, qasync.QEventLoop)
    await asyncio.sleep(0.01)
