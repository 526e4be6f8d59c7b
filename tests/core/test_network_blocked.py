"""The suite must not be able to reach the internet, but must reach loopback."""

import socket
import threading

import pytest
from pytest_socket import SocketConnectBlockedError


def test_outside_address_is_blocked() -> None:
    with pytest.raises(SocketConnectBlockedError):
        socket.create_connection(("93.184.216.34", 80), timeout=1)


def test_loopback_is_allowed() -> None:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    port = server.getsockname()[1]
    t = threading.Thread(target=lambda: server.accept()[0].close())
    t.start()
    socket.create_connection(("127.0.0.1", port), timeout=2).close()
    t.join(2)
    server.close()
