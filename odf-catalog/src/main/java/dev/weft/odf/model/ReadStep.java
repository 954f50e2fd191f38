package dev.weft.odf.model;

import java.util.List;

/**
 * How ingested files are parsed into records. All components of every variant are nullable (absent); lists keep
 * absent ({@code null}) distinct from empty. {@code ddlSchema} is the legacy column DDL, {@code schema} the ODF one.
 */
public sealed interface ReadStep {
    /** The ODF kind name of this variant, e.g. {@code "Csv"}. */
    default String kind() {
        return getClass().getSimpleName();
    }

    /** The legacy DDL column list, or {@code null}. */
    List<String> ddlSchema();

    /** The ODF schema, or {@code null}. */
    DataSchema schema();

    /** Delimited text. */
    record Csv(
            List<String> ddlSchema,
            String separator,
            String encoding,
            String quote,
            String escape,
            Boolean header,
            Boolean inferSchema,
            String nullValue,
            String dateFormat,
            String timestampFormat,
            DataSchema schema)
            implements ReadStep {
        public Csv {
            ddlSchema = OdfNames.copyOrNull(ddlSchema);
        }
    }

    /** A GeoJSON feature collection. */
    record GeoJson(List<String> ddlSchema, DataSchema schema) implements ReadStep {
        public GeoJson {
            ddlSchema = OdfNames.copyOrNull(ddlSchema);
        }
    }

    /** An ESRI shapefile, optionally inside an archive at {@code subPath}. */
    record EsriShapefile(List<String> ddlSchema, String subPath, DataSchema schema) implements ReadStep {
        public EsriShapefile {
            ddlSchema = OdfNames.copyOrNull(ddlSchema);
        }
    }

    /** Apache Parquet. */
    record Parquet(List<String> ddlSchema, DataSchema schema) implements ReadStep {
        public Parquet {
            ddlSchema = OdfNames.copyOrNull(ddlSchema);
        }
    }

    /** A JSON document whose records sit at {@code subPath}. */
    record Json(
            String subPath,
            List<String> ddlSchema,
            String dateFormat,
            String encoding,
            String timestampFormat,
            DataSchema schema)
            implements ReadStep {
        public Json {
            ddlSchema = OdfNames.copyOrNull(ddlSchema);
        }
    }

    /** Newline-delimited JSON. */
    record NdJson(List<String> ddlSchema, String dateFormat, String encoding, String timestampFormat, DataSchema schema)
            implements ReadStep {
        public NdJson {
            ddlSchema = OdfNames.copyOrNull(ddlSchema);
        }
    }

    /** Newline-delimited GeoJSON features. */
    record NdGeoJson(List<String> ddlSchema, DataSchema schema) implements ReadStep {
        public NdGeoJson {
            ddlSchema = OdfNames.copyOrNull(ddlSchema);
        }
    }
}
