package dev.weft.server.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version recorded in the jar manifest at build time. */
final class WeftVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        final String version = WeftVersion.class.getPackage().getImplementationVersion();
        return new String[] {"weft " + (version == null ? "(development build)" : version)};
    }
}
