"""Which URLs change events may be posted to (no server-side request forgery): a subscriber's URL is https, and
every address its host resolves to is a public one, never this machine's, the office network's, a link-local one
(the cloud's metadata service) or a reserved one. It is checked when subscribed (a 400 saying why) and again at each
delivery, on the very addresses the delivery connects to, so a name that resolves elsewhere since (DNS rebinding)
reaches nothing inside.

Tests post to a receiver on this machine: settings.API_EVENTS_ALLOW_LOOPBACK (off by default) lets the loopback
addresses through; http is taken only to such an address, with that setting or settings.DEBUG."""

import http.client
import ipaddress
import socket
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings


class RefusedAddressError(OSError):
    """The URL may not be posted to: the ledger records why, and retries (the host may move back)."""


def _loopback_allowed() -> bool:
    return getattr(settings, "API_EVENTS_ALLOW_LOOPBACK", False)


def address_refusal(address: str) -> str | None:
    """Why an IP address may not be posted to, or None."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # an IPv6 address may name its interface: fe80::1%eth0
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return None if _loopback_allowed() else f"{ip} is this machine (a loopback address)."
    for refused, what in (
        (ip.is_link_local, "a link-local address"),
        (ip.is_unspecified or ip.is_reserved, "a reserved address"),
        (ip.is_multicast, "a multicast address"),
        (ip.is_private or not ip.is_global, "a private address"),
    ):
        if refused:
            return f"{ip} is {what}: events are posted only to public addresses."
    return None


def _addresses(host: str, port: int) -> list[tuple]:
    """Every address `host` resolves to, as getaddrinfo gives them (family, type, proto, name, address)."""
    try:
        return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise RefusedAddressError(f"{host} does not resolve to an address ({error}).") from None


def checked_addresses(host: str, port: int) -> list[tuple]:
    """The addresses of `host`, if every one of them may be posted to; else RefusedAddressError saying why."""
    found = _addresses(host, port)
    for *_, address in found:
        if reason := address_refusal(address[0]):
            raise RefusedAddressError(f"{host}: {reason}")
    return found


def url_refusal(url: str) -> str | None:
    """Why a subscriber's URL may not be posted to, or None (its host is resolved now)."""
    parts = urlsplit(url)
    try:
        host, port = parts.hostname, parts.port
    except ValueError:
        return "The URL's port is not a number from 1 to 65535."
    if not host:
        return "The URL names no host."
    if parts.scheme != "https" and not (parts.scheme == "http" and (settings.DEBUG or _loopback_allowed())):
        return "Use an https:// URL: events are signed, and sent only over an encrypted connection."
    try:
        addresses = checked_addresses(host, port or (443 if parts.scheme == "https" else 80))
    except RefusedAddressError as refused:
        return str(refused)
    if parts.scheme == "http" and not all(ipaddress.ip_address(found[-1][0]).is_loopback for found in addresses):
        return "Use an https:// URL: http is taken only to this machine, for trying events out."
    return None


def _checked_connection(address, timeout=socket._GLOBAL_DEFAULT_TIMEOUT, source_address=None, **kwargs):
    """socket.create_connection, to an address checked as it is connected to (never to one refused)."""
    host, port = address
    error = None
    for family, kind, proto, _, resolved in checked_addresses(host, port):
        sock = socket.socket(family, kind, proto)
        try:
            if timeout is not socket._GLOBAL_DEFAULT_TIMEOUT:
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(resolved)
            return sock
        except OSError as failed:
            error = failed
            sock.close()
    raise error or RefusedAddressError(f"{host} could not be reached.")


class _CheckedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _checked_connection


class _CheckedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _checked_connection


class CheckedHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        if not (settings.DEBUG or _loopback_allowed()):
            raise RefusedAddressError("Events are posted only to https:// URLs.")
        return self.do_open(_CheckedHTTPConnection, req)


class CheckedHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_CheckedHTTPSConnection, req, context=self._context)
