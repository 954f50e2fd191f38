package dev.weft.odf.model;

import java.util.Objects;

/** An MQTT topic filter with a nullable {@code qos}. */
public record MqttTopicSubscription(String path, MqttQos qos) {
    public MqttTopicSubscription {
        Objects.requireNonNull(path, "path");
    }
}
