"""The baseline server of bench/twin-throughput.sh: Debian's pymodbus 3.0 (python3-pymodbus)
serving, over Modbus TCP, a register image the size and shape of the PRO380's:

    0x4000 x34   0x5000 x50   0x6000 x88      (holding registers, FC03)

Each block is a pymodbus ModbusSequentialDataBlock (its fastest store); a read must lie wholly
inside one block, as on the meter, else exception 02. The values are not the meter's (the
benchmark checks framing and sizes, not meanings): each register holds its own address.

Prints the port it listens on (one line), then serves until SIGTERM or SIGINT, or until
--max-seconds have passed, so a forgotten server stops by itself.

Usage: /usr/bin/python3 bench/pymodbus_server.py [--port 0] [--max-seconds 600]
"""

import argparse
import asyncio
import signal

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.datastore.store import BaseModbusDataBlock
from pymodbus.server import StartAsyncTcpServer

# (first address, number of registers) of the PRO380's three blocks.
BLOCKS = ((0x4000, 34), (0x5000, 50), (0x6000, 88))


class BlockImage(BaseModbusDataBlock):
    """Holding registers in separate blocks; a read or write must lie within one of them."""

    def __init__(self, blocks):
        self.blocks = [ModbusSequentialDataBlock(first, [first + i for i in range(count)])
                       for first, count in blocks]
        self.address = blocks[0][0]
        self.default_value = 0
        self.values = []

    def _block(self, address, count):
        for block in self.blocks:
            if block.validate(address, count):
                return block
        return None

    def validate(self, address, count=1):
        return count > 0 and self._block(address, count) is not None

    def getValues(self, address, count=1):  # pylint: disable=invalid-name
        return self._block(address, count).getValues(address, count)

    def setValues(self, address, values):  # pylint: disable=invalid-name
        count = len(values) if isinstance(values, list) else 1
        self._block(address, count).setValues(address, values)

    def reset(self):
        for block in self.blocks:
            block.reset()


async def serve(port, max_seconds):
    # zero_mode: protocol address 0x5000 is register 0x5000 (pymodbus adds 1 otherwise).
    slave = ModbusSlaveContext(hr=BlockImage(BLOCKS), zero_mode=True)
    context = ModbusServerContext(slaves=slave, single=True)  # answers any unit id
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
    parser.add_argument("--max-seconds", type=float, default=600, help="stop after this long")
    args = parser.parse_args()
    asyncio.run(serve(args.port, args.max_seconds))


if __name__ == "__main__":
    main()
