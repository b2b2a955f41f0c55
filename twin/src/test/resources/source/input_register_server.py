"""A generic meter for the mirror's tests: Debian's pymodbus (python3-pymodbus) serving, over
Modbus TCP on 127.0.0.1, a fixed image of input registers (function 04) from address 0, as an
SDM630 keeps its measurements. Any unit id is answered; holding registers do not exist.

Prints the port it listens on (one line), then serves until killed (SIGTERM) or until
--max-seconds have passed, so that a forgotten server stops by itself.

Usage: /usr/bin/python3 input_register_server.py --words "4366 0000 ..." [--port 0] [--max-seconds 120]
"""

import argparse
import asyncio

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.server import StartAsyncTcpServer


async def serve(words, port, max_seconds):
    # zero_mode: protocol address 0 is register 0 (pymodbus adds 1 otherwise); no holding registers at 0.
    meter = ModbusSlaveContext(ir=ModbusSequentialDataBlock(0, words), hr=ModbusSequentialDataBlock(0x9000, [0]),
                               zero_mode=True)
    server = await StartAsyncTcpServer(context=ModbusServerContext(slaves=meter, single=True),
                                       address=("127.0.0.1", port), defer_start=True)
    serving = asyncio.ensure_future(server.serve_forever())
    await server.serving
    print(server.server.sockets[0].getsockname()[1], flush=True)
    # SIGTERM ends the process as it is: a test's meter needs no orderly shutdown.
    try:
        await asyncio.wait_for(serving, timeout=max_seconds)
    except asyncio.TimeoutError:
        pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", required=True, help="the input registers from 0, as hex words")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0: a free one)")
    parser.add_argument("--max-seconds", type=float, default=120, help="stop after this long")
    args = parser.parse_args()
    asyncio.run(serve([int(w, 16) for w in args.words.split()], args.port, args.max_seconds))


if __name__ == "__main__":
    main()
