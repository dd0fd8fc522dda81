package dev.kakapo.server.pipeline;

import com.lmax.disruptor.ExceptionHandler;
import dev.kakapo.server.stats.Statistic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when handling one packet throws: it is logged with its sequence number, counted
 * as a drop, and the pipeline goes on with the next packet. (The Disruptor's default handler
 * would rethrow and stop the handler for good.)
 */
final class PipelineExceptionHandler implements ExceptionHandler<PacketEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineExceptionHandler.class);

    private final Statistic dropped;

    PipelineExceptionHandler(Statistic dropped) {
        this.dropped = dropped;
    }

    @Override
    public void handleEventException(Throwable failure, long sequence, PacketEvent event) {
        dropped.increment();
        event.clear();
        LOG.error("DHCP4_PACKET_PROCESS_EXCEPTION packet {} dropped: {}", sequence, failure.toString(), failure);
    }

    @Override
    public void handleOnStartException(Throwable failure) {
        LOG.error("DHCP4_PIPELINE_START_FAIL {}", failure.toString(), failure);
    }

    @Override
    public void handleOnShutdownException(Throwable failure) {
        LOG.warn("DHCP4_PIPELINE_SHUTDOWN_FAIL {}", failure.toString(), failure);
    }
}
