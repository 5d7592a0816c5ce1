// A Kafka Streams application on the streams rebalance protocol (KIP-1071, group.protocol=streams),
// for the tests of kfk's streams groups: it upper-cases the values of one topic into another, and
// counts the values by their first letter in an in-memory store (a repartition topic and a
// changelog topic, the group's internal topics; no RocksDB).
// Run as a single-file source program: java -cp <Kafka's jars>:<kafka-streams jar> StreamsApp.java
//   <bootstrap> <application.id> <input topic> <output topic> <state dir>
// It prints "STATE <state>" at each change, and closes the application (leaving the group) on SIGTERM.
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.Stores;

public class StreamsApp {
  public static void main(String[] args) throws Exception {
    Properties p = new Properties();
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, args[1]);
    p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
    p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
    p.put(StreamsConfig.GROUP_PROTOCOL_CONFIG, "streams");
    p.put(StreamsConfig.STATE_DIR_CONFIG, args[4]);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200);
    StreamsBuilder builder = new StreamsBuilder();
    KStream<String, String> input = builder.<String, String>stream(args[2]);
    input.mapValues(v -> v.toUpperCase()).to(args[3]);
    input.groupBy((k, v) -> v.substring(0, 1), Grouped.with("by-letter", Serdes.String(), Serdes.String())).count(Materialized.as(Stores.inMemoryKeyValueStore("counts")));
    KafkaStreams streams = new KafkaStreams(builder.build(), p);
    CountDownLatch closed = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      streams.close();
      closed.countDown();
    }));
    streams.setStateListener((now, before) -> System.out.println("STATE " + now));
    streams.start();
    closed.await();
  }
}
