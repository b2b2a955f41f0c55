package org.pro380.app.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.pro380.app.ChildProcesses;
import org.pro380.testkit.ExternalTool;

/**
 * Debian's pymodbus 3 (a Modbus server no one here wrote) serving a register image, on a free
 * loopback port, with Modbus TCP or RTU framing. Units other than the image's get no reply.
 */
final class PymodbusServer implements AutoCloseable {
    static final String PYTHON = "/usr/bin/python3";
    private static final String SCRIPT = """
            import asyncio, json, sys
            from pymodbus.datastore import ModbusServerContext, ModbusSlaveContext, ModbusSparseDataBlock
            from pymodbus.framer.rtu_framer import ModbusRtuFramer
            from pymodbus.framer.socket_framer import ModbusSocketFramer
            from pymodbus.server.async_io import ModbusTcpServer

            image = json.load(open(sys.argv[1]))
            framer = ModbusRtuFramer if sys.argv[2] == "rtu" else ModbusSocketFramer
            block = ModbusSparseDataBlock({int(a): w for a, w in image["registers"].items()})
            slave = ModbusSlaveContext(hr=block, zero_mode=True)
            context = ModbusServerContext(slaves={image["unit"]: slave}, single=False)

            async def main():
                server = ModbusTcpServer(context, framer=framer, address=("127.0.0.1", 0), ignore_missing_slaves=True)
                task = asyncio.create_task(server.serve_forever())
                await server.serving
                print(server.server.sockets[0].getsockname()[1], flush=True)
                await task

            asyncio.run(main())
            """;

    final int port;
    private final Process process;

    private PymodbusServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Skips the test when python3 or pymodbus is missing (fails it when CI=true). */
    static void requirePymodbus() throws Exception {
        ExternalTool.requirePythonModule(
                ExternalTool.require(PYTHON, "python3"),
                "pymodbus.server.async_io",
                "python3-pymodbus python3-serial-asyncio");
    }

    static PymodbusServer start(Path dir, RegisterImage image, int unitId, boolean rtu) throws Exception {
        Path script = dir.resolve("pro380_image_server.py");
        Files.writeString(script, SCRIPT);
        Path imageFile = dir.resolve("image.json");
        image.write(imageFile, unitId);
        Process p = new ProcessBuilder(PYTHON, script.toString(), imageFile.toString(), rtu ? "rtu" : "tcp")
                .redirectError(dir.resolve("pymodbus.log").toFile())
                .start();
        try {
            return new PymodbusServer(p, Integer.parseInt(firstLine(p).trim()));
        } catch (Exception e) {
            ChildProcesses.kill(p);
            throw new IOException("pymodbus did not start: " + Files.readString(dir.resolve("pymodbus.log")), e);
        }
    }

    /** The port the script prints once it listens; fails after 20 s or if the script ends first. */
    private static String firstLine(Process p) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
                    try {
                        return out.readLine();
                    } catch (IOException e) {
                        return null;
                    }
                })
                .get(20, TimeUnit.SECONDS);
        if (line == null) {
            throw new IOException("no port printed");
        }
        return line;
    }

    String hostPort() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        ChildProcesses.stop(process, Duration.ofSeconds(5));
    }
}
