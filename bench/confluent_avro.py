#!/usr/bin/env python3
"""Confluent's Python client with its Avro serializers, for the bench (the same job as kfk's):

  produce BOOTSTRAP TOPIC REGISTRY SCHEMA_FILE   JSON lines on stdin -> Avro records
  consume BOOTSTRAP TOPIC REGISTRY COUNT         COUNT Avro records of partition 0 -> JSON lines
"""
import json, sys
from confluent_kafka import Consumer, Producer, TopicPartition
from confluent_kafka.schema_registry import SchemaRegistryClient
from confluent_kafka.serialization import MessageField, SerializationContext


def main():
    mode, bootstrap, topic, url = sys.argv[1:5]
    sr = SchemaRegistryClient({'url': url})
    ctx = SerializationContext(topic, MessageField.VALUE)
    if mode == 'produce':
        from confluent_kafka.schema_registry.avro import AvroSerializer
        ser = AvroSerializer(sr, open(sys.argv[5]).read())
        p = Producer({'bootstrap.servers': bootstrap, 'linger.ms': 5})
        for line in sys.stdin:
            value = ser(json.loads(line), ctx)
            while True:
                try:
                    p.produce(topic, value=value)
                    break
                except BufferError:
                    p.poll(0.1)
        sys.exit(1 if p.flush(60) else 0)
    from confluent_kafka.schema_registry.avro import AvroDeserializer
    de = AvroDeserializer(sr)
    count = int(sys.argv[5])
    c = Consumer({'bootstrap.servers': bootstrap, 'group.id': 'bench-confluent-avro', 'enable.auto.commit': False})
    c.assign([TopicPartition(topic, 0, 0)])
    out = sys.stdout
    seen = 0
    while seen < count:
        msgs = c.consume(min(1000, count - seen), 20)
        if not msgs:
            sys.exit(f'only {seen} of {count} records arrived')
        for m in msgs:
            if m.error():
                continue
            out.write(json.dumps(de(m.value(), ctx)) + '\n')
            seen += 1
    out.flush()
    c.close()


main()
