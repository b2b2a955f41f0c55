"""One read through pymodbus, to see a fault the twin was told to show (FaultInteropTest).

Usage: pymodbus_fault_probe.py tcp|rtu HOST PORT UNIT ADDRESS COUNT
Prints one JSON object: result ("ok", "exception" or "error"), the exception code, the error
text, and whether pymodbus's RTU framer found a frame whose check failed.
"""

import json
import logging
import sys

from pymodbus.client import ModbusTcpClient
from pymodbus.pdu import ExceptionResponse
from pymodbus.transaction import ModbusRtuFramer, ModbusSocketFramer


class Seen(logging.Handler):
    """Remembers whether the framer dropped a frame for a failed check (a bad CRC)."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.check_failed = False

    def emit(self, record):
        if "Frame check failed" in record.getMessage():
            self.check_failed = True


def main():
    framer, host, port, unit, address, count = sys.argv[1:7]
    seen = Seen()
    logging.getLogger("pymodbus").addHandler(seen)
    logging.getLogger("pymodbus").setLevel(logging.DEBUG)
    client = ModbusTcpClient(host, port=int(port), timeout=3, retries=0,
                             framer=ModbusRtuFramer if framer == "rtu" else ModbusSocketFramer)
    if not client.connect():
        raise SystemExit("cannot connect to %s:%s" % (host, port))
    out = {"result": "ok"}
    try:
        reply = client.read_holding_registers(int(address), int(count), slave=int(unit))
        if isinstance(reply, ExceptionResponse):
            out = {"result": "exception", "code": reply.exception_code}
        elif reply.isError():
            out = {"result": "error", "error": str(reply)}
        else:
            out["registers"] = reply.registers
    except Exception as e:  # pymodbus raises ModbusIOException and others for a reply it cannot read
        out = {"result": "error", "error": "%s: %s" % (type(e).__name__, e)}
    finally:
        client.close()
    out["frameCheckFailed"] = seen.check_failed
    print(json.dumps(out))


main()
