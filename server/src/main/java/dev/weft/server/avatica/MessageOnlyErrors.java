package dev.weft.server.avatica;

import dev.weft.odf.error.ErrorCode;
import dev.weft.odf.error.WeftException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Objects;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.NoSuchConnectionException;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps an Avatica {@link Service} so that a failed call reaches the client as its message, error code and SQLSTATE
 * only. Avatica's handler otherwise sends the printed stack trace of every exception (and of its causes), which shows
 * clients our internals; the trace is logged here instead when the failure is not the client's.
 */
final class MessageOnlyErrors {
    private static final Logger LOG = LoggerFactory.getLogger(MessageOnlyErrors.class);

    private MessageOnlyErrors() {}

    /** {@code service} with every call's failure replaced by a trace-free {@link AvaticaRuntimeException}. */
    static Service wrap(Service service) {
        Objects.requireNonNull(service, "service");
        // A proxy rather than a hand-written decorator: Service has one apply method per request type, and every one
        // of them (including those Avatica adds later) needs the same treatment.
        return (Service) Proxy.newProxyInstance(Service.class.getClassLoader(), new Class<?>[] {Service.class},
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.invoke(service, args);
                    }
                    try {
                        return method.invoke(service, args);
                    } catch (InvocationTargetException e) {
                        throw withoutTrace(e.getCause());
                    }
                });
    }

    /** The error as the client will see it: message, code and SQLSTATE, no stack frames and no cause. */
    static AvaticaRuntimeException withoutTrace(Throwable error) {
        if (error instanceof AvaticaRuntimeException avatica) {
            return new TraceFree(avatica.getErrorMessage(), avatica.getErrorCode(), avatica.getSqlState(),
                    avatica.getSeverity());
        }
        if (error instanceof NoSuchConnectionException) {
            // Avatica's client reconnects on this error code, so it must survive the rewrite.
            return new TraceFree(error.getMessage(), Service.ErrorResponse.MISSING_CONNECTION_ERROR_CODE,
                    Service.ErrorResponse.UNKNOWN_SQL_STATE, AvaticaSeverity.ERROR);
        }
        final ErrorCode code = error instanceof WeftException weft ? weft.code()
                : error instanceof OutOfMemoryError ? ErrorCode.OUT_OF_MEMORY : ErrorCode.INTERNAL;
        if (!(error instanceof WeftException) || code == ErrorCode.INTERNAL || code == ErrorCode.CORRUPTED) {
            LOG.error("A JDBC (Avatica) call failed: {}", error.toString(), error);
        }
        final String message = error instanceof WeftException && error.getMessage() != null ? error.getMessage()
                : "Internal error: " + error.getClass().getSimpleName()
                        + (error.getMessage() == null ? "" : ": " + error.getMessage());
        return new TraceFree(message, code.exitCode(), code.sqlState(), AvaticaSeverity.ERROR);
    }

    /** An {@link AvaticaRuntimeException} that records no stack frames, so Avatica has none to send. */
    private static final class TraceFree extends AvaticaRuntimeException {
        private static final long serialVersionUID = 1L;

        TraceFree(String message, int errorCode, String sqlState, AvaticaSeverity severity) {
            super(message, errorCode, sqlState, severity);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
