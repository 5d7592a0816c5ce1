#!/usr/bin/env python3
"""Confluent's own serializers (the Python client, confluent-kafka) for cross-checks with kfk.

  produce FORMAT BOOTSTRAP TOPIC REGISTRY SCHEMA_FILE [MESSAGE]   JSON lines on stdin -> framed records
  consume FORMAT BOOTSTRAP TOPIC REGISTRY COUNT [SCHEMA_FILE MESSAGE]  records -> one JSON line each

FORMAT is avro, json or protobuf. For protobuf, SCHEMA_FILE is compiled with grpc_tools.protoc
into a temporary module and MESSAGE names the message class.
"""
import importlib, json, os, sys, tempfile
from confluent_kafka import Consumer, Producer
from confluent_kafka.schema_registry import SchemaRegistryClient
from confluent_kafka.serialization import MessageField, SerializationContext


def proto_class(schema_file, message):
    from grpc_tools import protoc
    out = tempfile.mkdtemp()
    d, f = os.path.split(os.path.abspath(schema_file))
    # The file and the others beside it (its imports).
    protos = sorted(x for x in os.listdir(d) if x.endswith('.proto'))
    rc = protoc.main(['protoc', f'-I{d}', f'-I{os.path.dirname(protoc.__file__)}/_proto', f'--python_out={out}', *protos])
    if rc != 0:
        sys.exit(f'protoc failed on {schema_file}')
    sys.path.insert(0, out)
    mod = importlib.import_module(f[:-len('.proto')].replace('/', '.') + '_pb2')
    cls = mod
    for part in message.split('.'):
        cls = getattr(cls, part)
    return cls


def main():
    mode, fmt, bootstrap, topic, url = sys.argv[1:6]
    sr = SchemaRegistryClient({'url': url})
    if mode == 'produce':
        schema_file = sys.argv[6]
        text = open(schema_file).read()
        if fmt == 'avro':
            from confluent_kafka.schema_registry.avro import AvroSerializer
            ser = AvroSerializer(sr, text)
            conv = lambda d: d
        elif fmt == 'json':
            from confluent_kafka.schema_registry.json_schema import JSONSerializer
            ser = JSONSerializer(text, sr)
            conv = lambda d: d
        else:
            from confluent_kafka.schema_registry.protobuf import ProtobufSerializer
            from google.protobuf.json_format import ParseDict
            cls = proto_class(schema_file, sys.argv[7])
            ser = ProtobufSerializer(cls, sr, {'use.deprecated.format': False})
            conv = lambda d: ParseDict(d, cls())
        p = Producer({'bootstrap.servers': bootstrap})
        n = 0
        for line in sys.stdin:
            if not line.strip():
                continue
            value = ser(conv(json.loads(line)), SerializationContext(topic, MessageField.VALUE))
            while True:
                try:
                    p.produce(topic, value=value)
                    break
                except BufferError:
                    p.poll(1)
            n += 1
        left = p.flush(30)
        print(f'produced {n - left}', file=sys.stderr)
        sys.exit(1 if left else 0)
    count = int(sys.argv[6])
    if fmt == 'avro':
        from confluent_kafka.schema_registry.avro import AvroDeserializer
        de = AvroDeserializer(sr)
        conv = lambda v: v
    elif fmt == 'json':
        from confluent_kafka.schema_registry.json_schema import JSONDeserializer
        de = JSONDeserializer(None, schema_registry_client=sr)
        conv = lambda v: v
    else:
        from confluent_kafka.schema_registry.protobuf import ProtobufDeserializer
        from google.protobuf.json_format import MessageToDict
        cls = proto_class(sys.argv[7], sys.argv[8])
        de = ProtobufDeserializer(cls, {'use.deprecated.format': False})
        conv = lambda m: MessageToDict(m)
    c = Consumer({'bootstrap.servers': bootstrap, 'group.id': 'confluent-serde-check', 'auto.offset.reset': 'earliest', 'enable.auto.commit': False})
    c.assign([__import__('confluent_kafka').TopicPartition(topic, 0, 0)])
    seen = 0
    while seen < count:
        m = c.poll(20)
        if m is None:
            sys.exit(f'only {seen} of {count} records arrived')
        if m.error():
            continue
        v = de(m.value(), SerializationContext(topic, MessageField.VALUE))
        print(json.dumps(conv(v), sort_keys=True, default=str))
        seen += 1
    c.close()


main()
