#!/usr/bin/python3
"""Probe a PRO380-Compact (or its twin) over Modbus TCP with pymodbus, Debian's python3-pymodbus 3.0.

Usage: pymodbus_probe.py PLAN.json

The plan (written by the Java test from the project's register map) says where to connect and
what to do: which blocks to read, which registers are floats, which registers to write with
which legal and illegal values, and which requests should fail. This script only reports what
the meter answered, as JSON on stdout; the Java test decides what is right.

pymodbus 3.0 notes: the unit id is passed as slave= (unit= is refused with a log error); the
client's timeout is truncated to whole seconds (int(timeout)); BinaryPayloadDecoder defaults to
little-endian bytes, so big-endian floats need byteorder=Endian.Big explicitly; an exception
reply comes back as an ExceptionResponse (isError() true, .exception_code), not as a raised error.
"""

import json
import sys
import time

from pymodbus.client import ModbusTcpClient
from pymodbus.constants import Endian
from pymodbus.payload import BinaryPayloadDecoder
from pymodbus.pdu import ExceptionResponse

STARTED = time.monotonic()
MAX_CONSECUTIVE_FAILURES = 3


class Aborted(Exception):
    """The meter stopped answering: the rest of the plan would only pile up timeouts."""


class Meter:
    """One TCP connection and the unit id the meter answers to now."""

    def __init__(self, host, port, unit):
        self.client = ModbusTcpClient(host, port=port, timeout=5, retries=0)
        if not self.client.connect():
            raise SystemExit("cannot connect to %s:%d" % (host, port))
        self.unit = unit
        self.failures = 0

    def close(self):
        self.client.close()

    def call(self, fc, address, count=None, value=None, values=None):
        """One request; returns (exception code or None, registers or None, error text or None)."""
        start = time.monotonic()
        try:
            code, regs, error = self._call(fc, address, count, value, values)
            self.failures = self.failures + 1 if error else 0
            if self.failures >= MAX_CONSECUTIVE_FAILURES:
                raise Aborted("%d requests in a row failed, the last (fc %d at 0x%04X, unit %d): %s" % (
                    self.failures, fc, address, self.unit, error))
            return code, regs, error
        finally:
            # a trace on stderr, for a failing test's message
            sys.stderr.write("%.3f unit %d fc %d 0x%04X count=%s value=%s values=%s: %.3f s\n" % (
                time.monotonic() - STARTED, self.unit, fc, address, count, value, values, time.monotonic() - start))

    def _call(self, fc, address, count, value, values):
        try:
            if fc == 3:
                rr = self.client.read_holding_registers(address, count, slave=self.unit)
            elif fc == 4:
                rr = self.client.read_input_registers(address, count, slave=self.unit)
            elif fc == 1:
                rr = self.client.read_coils(address, count, slave=self.unit)
            elif fc == 5:
                rr = self.client.write_coil(address, bool(value), slave=self.unit)
            elif fc == 6:
                rr = self.client.write_register(address, value, slave=self.unit)
            elif fc == 16:
                rr = self.client.write_registers(address, values, slave=self.unit)
            else:
                return None, None, "function code %d not supported by the probe" % fc
        except Exception as e:  # pymodbus raises ConnectionException, ModbusIOException, ...
            return None, None, "%s: %s" % (type(e).__name__, e)
        if isinstance(rr, ExceptionResponse):
            return rr.exception_code, None, None
        if rr is None or rr.isError():
            return None, None, "no valid reply: %r" % (rr,)
        if fc == 3:
            return None, list(rr.registers), None
        if fc == 6:
            if rr.address != address or rr.value != value:
                return None, None, "write echo mismatch: %r" % (rr,)
        if fc == 16:
            if rr.address != address or rr.count != len(values):
                return None, None, "write-multiple echo mismatch: %r" % (rr,)
        return None, None, None

    def read_word(self, address):
        code, regs, error = self.call(3, address, count=1)
        if regs is None:
            return {"exception": code, "error": error}
        return regs[0]


def read_blocks(meter, plan):
    """Reads every block whole; decodes every f32 register with pymodbus's own decoder."""
    words = {}
    errors = {}
    for block in plan["blocks"]:
        code, regs, error = meter.call(3, block["first"], count=block["size"])
        if regs is None:
            errors[block["name"]] = {"exception": code, "error": error}
        else:
            words[block["name"]] = regs
    floats = {}
    for f in plan["floats"]:
        regs = words.get(f["block"])
        if regs is None:
            continue
        offset = f["address"] - f["blockFirst"]
        decoder = BinaryPayloadDecoder.fromRegisters(
            regs[offset:offset + 2], byteorder=Endian.Big, wordorder=Endian.Big)
        floats[f["key"]] = decoder.decode_32bit_float()
    return {"words": words, "floats": floats, "errors": errors}


def write_register_cases(meter, plan):
    """Each writable register: legal values with read-back, illegal values, then the old value back."""
    results = []
    for case in plan["writable"]:
        address = case["address"]
        entry = {"key": case["key"], "original": meter.read_word(address), "legal": [], "illegal": []}
        for word in case["legalWords"]:
            code, _, error = meter.call(6, address, value=word)
            if code is None and error is None and case["setsUnitId"]:
                meter.unit = word  # the reply came from the old id; the meter now answers to the new one
            entry["legal"].append({"word": word, "exception": code, "error": error,
                                   "unit": meter.unit, "readBack": meter.read_word(address)})
        for word in case["illegalWords"]:
            code, _, error = meter.call(6, address, value=word)
            entry["illegal"].append({"word": word, "exception": code, "error": error,
                                     "readBack": meter.read_word(address)})
        restore = case.get("restoreWord")
        if restore is not None:
            code, _, error = meter.call(6, address, value=restore)
            if code is None and error is None and case["setsUnitId"]:
                meter.unit = restore
            entry["restored"] = {"word": restore, "exception": code, "error": error,
                                 "unit": meter.unit, "readBack": meter.read_word(address)}
        results.append(entry)
    return results


def run_requests(meter, plan):
    """Arbitrary requests (exception probes, write-multiple): the answer, and a read-back if asked."""
    results = []
    for req in plan["requests"]:
        code, regs, error = meter.call(req["fc"], req["address"], count=req.get("count"),
                                       value=req.get("value"), values=req.get("values"))
        entry = {"name": req["name"], "exception": code, "registers": regs, "error": error}
        back = req.get("readBackCount")
        if back:
            _, entry["readBack"], _ = meter.call(3, req["address"], count=back)
        results.append(entry)
    return results


def main():
    with open(sys.argv[1]) as f:
        plan = json.load(f)
    meter = Meter(plan["host"], plan["port"], plan["unit"])
    out = {"pymodbus": __import__("pymodbus").__version__}
    try:
        out["first"] = read_blocks(meter, plan)
        time.sleep(plan["pauseSeconds"])
        out["second"] = read_blocks(meter, plan)
        out["writes"] = write_register_cases(meter, plan)
        out["requests"] = run_requests(meter, plan)
        out["finalUnit"] = meter.unit
    except Aborted as e:
        out["aborted"] = str(e)
    finally:
        meter.close()
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
