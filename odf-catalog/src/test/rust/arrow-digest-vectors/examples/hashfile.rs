// Prints the arrow-digest logical hash of each Parquet file given, read with arrow-rs as kamu does.
use arrow::record_batch::RecordBatchReader;
use arrow_digest::{RecordDigest, RecordDigestV0};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
fn main() {
    for p in std::env::args().skip(1) {
        let f = std::fs::File::open(&p).unwrap();
        let r = ParquetRecordBatchReaderBuilder::try_new(f).unwrap().with_batch_size(10_000).build().unwrap();
        let schema = r.schema();
        let mut h = RecordDigestV0::<sha3::Sha3_256>::new(&schema);
        let mut n = 0;
        for b in r { let b = b.unwrap(); n += b.num_rows(); h.update(&b); }
        println!("{} rows={} f9680c00120{}", p, n, hex::encode(h.finalize()));
        println!("  {:?}", schema.fields().iter().map(|f| format!("{}:{}", f.name(), f.data_type())).collect::<Vec<_>>());
    }
}
