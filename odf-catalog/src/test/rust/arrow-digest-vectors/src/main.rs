// Prints arrow-digest RecordDigestV0<Sha3_256> hashes of the batches and Parquet fixtures LogicalHashTest checks.
// Run: cargo run --release -- <shared/odf-reference>; the output is kept in expected.txt beside this file.
use std::sync::Arc;
use arrow::array::*;
use arrow::buffer::NullBuffer;
use arrow::datatypes::*;
use half::f16;
use arrow::record_batch::RecordBatch;
use arrow_digest::{RecordDigest, RecordDigestV0};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

fn mh(d: &[u8]) -> String { format!("f9680c00120{}", hex::encode(d)) }

fn hash_batches(schema: &Schema, batches: &[RecordBatch]) -> String {
    let mut h = RecordDigestV0::<sha3::Sha3_256>::new(schema);
    for b in batches { h.update(b); }
    mh(&h.finalize())
}

fn parquet_hash(path: &str, batch_size: usize) -> String {
    let f = std::fs::File::open(path).unwrap();
    let r = ParquetRecordBatchReaderBuilder::try_new(f).unwrap().with_batch_size(batch_size).build().unwrap();
    let schema = r.schema();
    let mut h = RecordDigestV0::<sha3::Sha3_256>::new(&schema);
    for b in r { h.update(&b.unwrap()); }
    format!("{} schema={:?}", mh(&h.finalize()), schema.fields().iter().map(|f| format!("{}:{}", f.name(), f.data_type())).collect::<Vec<_>>())
}

fn main() {
    // kamu-cli query vector
    let s = Arc::new(Schema::new(vec![
        Field::new("offset", DataType::Int64, true),
        Field::new("city", DataType::Utf8, false),
        Field::new("population", DataType::UInt64, false)]));
    let b = RecordBatch::try_new(s.clone(), vec![
        Arc::new(Int64Array::from(vec![1, 0])), Arc::new(StringArray::from(vec!["B", "A"])),
        Arc::new(UInt64Array::from(vec![200u64, 100]))]).unwrap();
    println!("kamu_query {}", hash_batches(&s, &[b]));

    let s = Arc::new(Schema::new(vec![Field::new("a", DataType::Int32, false), Field::new("b", DataType::Utf8, false)]));
    let b = RecordBatch::try_new(s.clone(), vec![Arc::new(Int32Array::from(vec![1, 2, 3])), Arc::new(StringArray::from(vec!["a", "b", "c"]))]).unwrap();
    println!("tv7_ab {}", hash_batches(&s, &[b]));

    let s = Arc::new(Schema::new(vec![Field::new("a", DataType::Int32, true)]));
    let b = RecordBatch::try_new(s.clone(), vec![Arc::new(Int32Array::from(vec![Some(1), None, Some(3)]))]).unwrap();
    println!("tv7_null {}", hash_batches(&s, &[b]));

    let s = Arc::new(Schema::new(vec![Field::new("a", DataType::Int32, true)]));
    println!("empty_a_int32 {}", hash_batches(&s, &[]));

    // all types, 4 rows, row 1 null everywhere (nullable)
    let tz: Option<Arc<str>> = Some("UTC".into());
    let fields = vec![
        Field::new("i8", DataType::Int8, true),
        Field::new("i16", DataType::Int16, true),
        Field::new("i32", DataType::Int32, true),
        Field::new("i64", DataType::Int64, true),
        Field::new("u8", DataType::UInt8, true),
        Field::new("u16", DataType::UInt16, true),
        Field::new("u32", DataType::UInt32, true),
        Field::new("u64", DataType::UInt64, true),
        Field::new("f32", DataType::Float32, true),
        Field::new("f64", DataType::Float64, true),
        Field::new("bool", DataType::Boolean, true),
        Field::new("utf8", DataType::Utf8, true),
        Field::new("large_utf8", DataType::LargeUtf8, true),
        Field::new("utf8_view", DataType::Utf8View, true),
        Field::new("bin", DataType::Binary, true),
        Field::new("large_bin", DataType::LargeBinary, true),
        Field::new("bin_view", DataType::BinaryView, true),
        Field::new("fixed_bin", DataType::FixedSizeBinary(3), true),
        Field::new("date32", DataType::Date32, true),
        Field::new("date64", DataType::Date64, true),
        Field::new("time32_ms", DataType::Time32(TimeUnit::Millisecond), true),
        Field::new("time64_us", DataType::Time64(TimeUnit::Microsecond), true),
        Field::new("ts_s", DataType::Timestamp(TimeUnit::Second, None), true),
        Field::new("ts_ms_utc", DataType::Timestamp(TimeUnit::Millisecond, tz.clone()), true),
        Field::new("ts_us", DataType::Timestamp(TimeUnit::Microsecond, None), true),
        Field::new("ts_ns_tz", DataType::Timestamp(TimeUnit::Nanosecond, Some("Europe/Kyiv".into())), true),
        Field::new("dec", DataType::Decimal128(10, 2), true),
        Field::new("list_i32", DataType::List(Arc::new(Field::new_list_field(DataType::Int32, true))), true),
    ];
    let s = Arc::new(Schema::new(fields));
    let cols: Vec<ArrayRef> = vec![
        Arc::new(Int8Array::from(vec![Some(-1), None, Some(7), Some(i8::MAX)])),
        Arc::new(Int16Array::from(vec![Some(-300), None, Some(7), Some(i16::MIN)])),
        Arc::new(Int32Array::from(vec![Some(-70000), None, Some(7), Some(i32::MAX)])),
        Arc::new(Int64Array::from(vec![Some(-5_000_000_000), None, Some(7), Some(i64::MIN)])),
        Arc::new(UInt8Array::from(vec![Some(255u8), None, Some(0), Some(1)])),
        Arc::new(UInt16Array::from(vec![Some(65535u16), None, Some(0), Some(1)])),
        Arc::new(UInt32Array::from(vec![Some(4_000_000_000u32), None, Some(0), Some(1)])),
        Arc::new(UInt64Array::from(vec![Some(u64::MAX), None, Some(0), Some(1)])),
        Arc::new(Float32Array::from(vec![Some(1.5f32), None, Some(-0.0), Some(f32::NAN)])),
        Arc::new(Float64Array::from(vec![Some(1.5f64), None, Some(-2.25), Some(f64::INFINITY)])),
        Arc::new(BooleanArray::from(vec![Some(true), None, Some(false), Some(true)])),
        Arc::new(StringArray::from(vec![Some("héllo"), None, Some(""), Some("a longer string than twelve")])),
        Arc::new(LargeStringArray::from(vec![Some("héllo"), None, Some(""), Some("a longer string than twelve")])),
        Arc::new(StringViewArray::from(vec![Some("héllo"), None, Some(""), Some("a longer string than twelve")])),
        Arc::new(BinaryArray::from(vec![Some(&b"\x00\x01"[..]), None, Some(&b""[..]), Some(&b"xyz"[..])])),
        Arc::new(LargeBinaryArray::from(vec![Some(&b"\x00\x01"[..]), None, Some(&b""[..]), Some(&b"xyz"[..])])),
        Arc::new(BinaryViewArray::from(vec![Some(&b"\x00\x01"[..]), None, Some(&b""[..]), Some(&b"xyz"[..])])),
        Arc::new(FixedSizeBinaryArray::try_from_sparse_iter_with_size(vec![Some(b"abc".to_vec()), None, Some(b"def".to_vec()), Some(b"\x00\x00\x00".to_vec())].into_iter(), 3).unwrap()),
        Arc::new(Date32Array::from(vec![Some(19000), None, Some(-1), Some(0)])),
        Arc::new(Date64Array::from(vec![Some(1_641_600_000_000), None, Some(-86_400_000), Some(0)])),
        Arc::new(Time32MillisecondArray::from(vec![Some(1000), None, Some(0), Some(86_399_999)])),
        Arc::new(Time64MicrosecondArray::from(vec![Some(1_000_000), None, Some(0), Some(86_399_999_999)])),
        Arc::new(TimestampSecondArray::from(vec![Some(1_700_000_000), None, Some(0), Some(-1)])),
        Arc::new(TimestampMillisecondArray::from(vec![Some(1_700_000_000_123), None, Some(0), Some(-1)]).with_timezone("UTC")),
        Arc::new(TimestampMicrosecondArray::from(vec![Some(1_700_000_000_123_456), None, Some(0), Some(-1)])),
        Arc::new(TimestampNanosecondArray::from(vec![Some(1_700_000_000_123_456_789), None, Some(0), Some(-1)]).with_timezone("Europe/Kyiv")),
        Arc::new(Decimal128Array::from(vec![Some(12345i128), None, Some(-1), Some(9_999_999_999)]).with_precision_and_scale(10, 2).unwrap()),
        Arc::new(ListArray::from_iter_primitive::<Int32Type, _, _>(vec![Some(vec![Some(1), None, Some(3)]), None, Some(vec![]), Some(vec![Some(4)])])),
    ];
    let b = RecordBatch::try_new(s.clone(), cols).unwrap();
    println!("all_types {}", hash_batches(&s, &[b.clone()]));
    println!("all_types_split {}", hash_batches(&s, &[b.slice(0, 1), b.slice(1, 2), b.slice(3, 1)]));
    for (i, f) in s.fields().iter().enumerate() {
        let s1 = Arc::new(Schema::new(vec![f.as_ref().clone()]));
        let b1 = RecordBatch::try_new(s1.clone(), vec![b.column(i).clone()]).unwrap();
        println!("col_{} {}", f.name(), hash_batches(&s1, &[b1]));
    }


    // extra types, one column each
    {
        use arrow::datatypes::i256;
        let cols: Vec<(Field, ArrayRef)> = vec![
            (Field::new("f16", DataType::Float16, true), Arc::new(Float16Array::from(vec![Some(f16::from_f32(1.5)), None, Some(f16::from_f32(-2.0)), Some(f16::INFINITY)]))),
            (Field::new("time32_s", DataType::Time32(TimeUnit::Second), true), Arc::new(Time32SecondArray::from(vec![Some(1), None, Some(0), Some(86_399)]))),
            (Field::new("time64_ns", DataType::Time64(TimeUnit::Nanosecond), true), Arc::new(Time64NanosecondArray::from(vec![Some(1), None, Some(0), Some(86_399_999_999_999)]))),
            (Field::new("dec256", DataType::Decimal256(40, 5), true), Arc::new(Decimal256Array::from(vec![Some(i256::from_i128(123456789)), None, Some(i256::from_i128(-1)), Some(i256::from_i128(i128::MAX))]).with_precision_and_scale(40, 5).unwrap())),
            (Field::new("large_list_i32", DataType::LargeList(Arc::new(Field::new_list_field(DataType::Int32, true))), true), Arc::new(LargeListArray::from_iter_primitive::<Int32Type, _, _>(vec![Some(vec![Some(1), None, Some(3)]), None, Some(vec![]), Some(vec![Some(4)])]))),
            (Field::new("fixed_list_i32", DataType::FixedSizeList(Arc::new(Field::new_list_field(DataType::Int32, true)), 2), true), Arc::new(FixedSizeListArray::from_iter_primitive::<Int32Type, _, _>(vec![Some(vec![Some(1), None]), None, Some(vec![Some(0), Some(0)]), Some(vec![Some(4), Some(5)])], 2))),
        ];
        for (f, a) in cols {
            let s1 = Arc::new(Schema::new(vec![f.clone()]));
            let b1 = RecordBatch::try_new(s1.clone(), vec![a]).unwrap();
            println!("extra_{} {}", f.name(), hash_batches(&s1, &[b1]));
        }
    }

    // structs: nullable struct with nulls, child without nulls; child with nulls
    let x = Arc::new(Int32Array::from(vec![1, 2, 3, 4])) as ArrayRef;
    let y = Arc::new(StringArray::from(vec![Some("p"), Some("q"), None, Some("s")])) as ArrayRef;
    let st_fields = Fields::from(vec![Field::new("x", DataType::Int32, true), Field::new("y", DataType::Utf8, true)]);
    let st = StructArray::new(st_fields.clone(), vec![x, y], Some(NullBuffer::from(vec![true, false, true, false])));
    let s = Arc::new(Schema::new(vec![
        Field::new("id", DataType::Int64, false),
        Field::new("st", DataType::Struct(st_fields.clone()), true),
    ]));
    let b = RecordBatch::try_new(s.clone(), vec![Arc::new(Int64Array::from(vec![10, 20, 30, 40])), Arc::new(st)]).unwrap();
    println!("struct_nulls {}", hash_batches(&s, &[b.clone()]));
    // struct with all-valid validity where child y has nulls
    let x = Arc::new(Int32Array::from(vec![1, 2, 3, 4])) as ArrayRef;
    let y = Arc::new(StringArray::from(vec![Some("p"), Some("q"), None, Some("s")])) as ArrayRef;
    let st = StructArray::new(st_fields.clone(), vec![x, y], None);
    let b = RecordBatch::try_new(s.clone(), vec![Arc::new(Int64Array::from(vec![10, 20, 30, 40])), Arc::new(st)]).unwrap();
    println!("struct_no_nulls {}", hash_batches(&s, &[b.clone()]));

    // First argument: the shared odf-reference folder.
    let odf_reference = std::env::args().nth(1).expect("usage: arrow-digest-vectors <odf-reference dir>");
    for p in [
        "datafusion-issue-14281/data.parquet",
        "datafusion-issue-14281/schema.parquet",
        "datafusion-issue-6463/alberta.parquet",
        "datafusion-issue-6463/british-columbia.parquet",
        "arrow-issue-4308/data.parquet",
    ] {
        let full = format!("{}/data/parquet/{}", odf_reference, p);
        println!("parquet {} {}", p, parquet_hash(&full, 10_000));
        println!("parquet_b3 {} {}", p, parquet_hash(&full, 3).split(' ').next().unwrap());
    }
}
