"""dxRegister / dxWeb, the DXtrade back office: wire models, the REST client and the session keep-alive."""

from services.dxregister.client import DxRegisterClient, PendingTransfer
from services.dxregister.session import SessionKeepAlive

__all__ = ["DxRegisterClient", "PendingTransfer", "SessionKeepAlive"]
