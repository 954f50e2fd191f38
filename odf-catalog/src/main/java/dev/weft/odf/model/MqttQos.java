package dev.weft.odf.model;

/** MQTT delivery guarantee of a topic subscription. */
public enum MqttQos {
    AT_MOST_ONCE,
    AT_LEAST_ONCE,
    EXACTLY_ONCE;

    /** The ODF name of this level ({@code AtMostOnce}, ...). */
    public String odfName() {
        return OdfNames.pascal(name());
    }
}
