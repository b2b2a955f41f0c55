package org.pro380.twin.http;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A request must arrive whole within the deadline; the clock is Netty's embedded one, moved by hand. */
class RequestDeadlineTest {

    private final RequestDeadline deadline = new RequestDeadline(Duration.ofSeconds(30));
    private final EmbeddedChannel channel = new EmbeddedChannel(
            deadline, new HttpServerCodec(), new HttpObjectAggregator(1024), new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    if (msg instanceof FullHttpRequest) {
                        deadline.arrived();
                    }
                    ReferenceCountUtil.release(msg);
                }
            });

    @Test
    void aBodyThatTricklesIsAnswered408AndClosed() {
        send("PUT /api/load HTTP/1.1\r\nContent-Length: 100\r\n\r\n{\"freq");
        channel.advanceTimeBy(20, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        send("uency\"");
        assertThat(channel.isOpen()).as("open after 20 s").isTrue();

        channel.advanceTimeBy(10, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();

        assertThat(written()).startsWith("HTTP/1.1 408 ").contains("within 30 s");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void eachWholeRequestStartsTheClockAfresh() {
        send("GET /api/state HTTP/1.1\r\n\r\n");
        channel.advanceTimeBy(29, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        send("GET /api/state HTTP/1.1\r\n");
        channel.advanceTimeBy(29, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();

        assertThat(channel.isOpen()).isTrue();
        assertThat((Object) channel.readOutbound()).isNull();
        channel.finishAndReleaseAll();
    }

    private void send(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, US_ASCII));
    }

    private String written() {
        StringBuilder out = new StringBuilder();
        for (ByteBuf buf = channel.readOutbound(); buf != null; buf = channel.readOutbound()) {
            out.append(buf.toString(US_ASCII));
            buf.release();
        }
        return out.toString();
    }
}
