"""Aggregion DS (licences and Tessera's add-on catalog) and its ID service: client, wire models, licences."""

from services.aggregion.client import AggregionClient, AggregionUrls
from services.aggregion.device import DeviceIdentity, device_identity
from services.aggregion.licence import LicenceCheck, LicenceStatus, verify_licence

__all__ = [
    "AggregionClient",
    "AggregionUrls",
    "DeviceIdentity",
    "LicenceCheck",
    "LicenceStatus",
    "device_identity",
    "verify_licence",
]
