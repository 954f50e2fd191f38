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

    /**
     * The constant whose ODF name is {@code odfName} (e.g. {@code "AtLeastOnce"}), ignoring case.
     *
     * @throws IllegalArgumentException listing the accepted names
     */
    public static MqttQos fromOdfName(String odfName) {
        return OdfNames.parse(MqttQos.class, odfName);
    }
}
