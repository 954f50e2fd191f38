package dev.weft.odf.model;

import java.util.List;
import java.util.Objects;

/** Where a polling source gets its data. Components are nullable unless their javadoc says required. */
public sealed interface FetchStep {
    /** The ODF kind name of this variant, e.g. {@code "FilesGlob"}. */
    default String kind() {
        return getClass().getSimpleName();
    }

    /** An HTTP(S) or file URL; {@code url} required. */
    record Url(String url, EventTimeSource eventTime, SourceCaching cache, List<RequestHeader> headers)
            implements FetchStep {
        public Url {
            Objects.requireNonNull(url, "url");
            headers = OdfNames.copyOrNull(headers);
        }
    }

    /** Local files matching a glob {@code path} (required). */
    record FilesGlob(String path, EventTimeSource eventTime, SourceCaching cache, SourceOrdering order)
            implements FetchStep {
        public FilesGlob {
            Objects.requireNonNull(path, "path");
        }
    }

    /** The output of running a container {@code image} (required). */
    record Container(String image, List<String> command, List<String> args, List<EnvVar> env) implements FetchStep {
        public Container {
            Objects.requireNonNull(image, "image");
            command = OdfNames.copyOrNull(command);
            args = OdfNames.copyOrNull(args);
            env = OdfNames.copyOrNull(env);
        }
    }

    /** Messages from an MQTT broker; {@code host} and {@code topics} required. */
    record Mqtt(String host, int port, String username, String password, List<MqttTopicSubscription> topics)
            implements FetchStep {
        public Mqtt {
            Objects.requireNonNull(host, "host");
            topics = List.copyOf(topics);
        }
    }

    /** Logs of an EVM-compatible blockchain; {@code chainId} is a nullable unsigned 64-bit value. */
    record EthereumLogs(Long chainId, String nodeUrl, String filter, String signature) implements FetchStep {}
}
