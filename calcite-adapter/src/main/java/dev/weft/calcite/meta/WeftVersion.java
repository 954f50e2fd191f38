package dev.weft.calcite.meta;

/** The product version, from the jar manifest when built, else the development version. */
public final class WeftVersion {
    public static final String VERSION = version();
    public static final int MAJOR = part(0);
    public static final int MINOR = part(1);

    private WeftVersion() {}

    private static String version() {
        final String version = WeftVersion.class.getPackage().getImplementationVersion();
        return version == null ? "0.1.0-SNAPSHOT" : version;
    }

    private static int part(int index) {
        final String[] parts = VERSION.split("[.-]");
        try {
            return parts.length > index ? Integer.parseInt(parts[index]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
