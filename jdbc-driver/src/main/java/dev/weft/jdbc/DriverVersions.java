package dev.weft.jdbc;

import dev.weft.calcite.meta.WeftVersion;
import org.apache.calcite.avatica.DriverVersion;

/** Name and version the driver reports in {@code DatabaseMetaData}: the product's own. */
final class DriverVersions {
    private DriverVersions() {}

    static DriverVersion create() {
        return new DriverVersion("Weft JDBC Driver", WeftVersion.VERSION, "Weft", WeftVersion.VERSION, true,
                WeftVersion.MAJOR, WeftVersion.MINOR, WeftVersion.MAJOR, WeftVersion.MINOR);
    }
}
