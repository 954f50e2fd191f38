package dev.weft.jdbc;

import org.apache.calcite.avatica.DriverVersion;

/** Name and version the driver reports in {@code DatabaseMetaData}. */
final class DriverVersions {
    static final String VERSION = version();
    static final int MAJOR = part(0);
    static final int MINOR = part(1);

    private DriverVersions() {}

    static DriverVersion create() {
        return new DriverVersion("Weft JDBC Driver", VERSION, "Weft", VERSION, true, MAJOR, MINOR, MAJOR, MINOR);
    }

    private static String version() {
        final String version = DriverVersions.class.getPackage().getImplementationVersion();
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
