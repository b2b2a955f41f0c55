"""A baseline of bench/bus-compare.sh: Debian's pymodbus 3.0 serving a bus of meters over Modbus
TCP: unit ids 1..N (default 247) in one ModbusServerContext, each its own ModbusSlaveContext
with a register image of the PRO380's shape (BlockImage of bench/pymodbus_server.py:
0x4000 x34, 0x5000 x50, 0x6000 x88, a read within one block). Another unit id is not answered
(pymodbus's behaviour for an unknown slave with single=False).

Prints the port it listens on (one line), then serves until SIGTERM or SIGINT, or until
--max-seconds have passed.

Usage: /usr/bin/python3 bench/pymodbus_bus_server.py [--port 0] [--units 247] [--max-seconds 600]
"""

import argparse
import asyncio
import os
import signal
import sys

from pymodbus.datastore import ModbusServerContext, ModbusSlaveContext
from pymodbus.server import StartAsyncTcpServer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pymodbus_server import BLOCKS, BlockImage  # noqa: E402  pylint: disable=wrong-import-position


async def serve(port, units, max_seconds):
    slaves = {unit: ModbusSlaveContext(hr=BlockImage(BLOCKS), zero_mode=True) for unit in range(1, units + 1)}
    context = ModbusServerContext(slaves=slaves, single=False)
    server = await StartAsyncTcpServer(context=context, address=("127.0.0.1", port), defer_start=True)
    serving = asyncio.create_task(server.serve_forever())
    await server.serving
    print(server.server.sockets[0].getsockname()[1], flush=True)

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    try:
        await asyncio.wait_for(stop.wait(), timeout=max_seconds)
    except asyncio.TimeoutError:
        pass
    await server.shutdown()
    serving.cancel()
    try:
        await serving
    except asyncio.CancelledError:
        pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0: a free one)")
    parser.add_argument("--units", type=int, default=247, help="unit ids 1..UNITS")
    parser.add_argument("--max-seconds", type=float, default=600, help="stop after this long")
    args = parser.parse_args()
    asyncio.run(serve(args.port, args.units, args.max_seconds))


if __name__ == "__main__":
    main()
