// kafkajs ships types for its public API only; its internal modules are used for the
// protocol pieces it lacks (see src/kafka/README.md).
declare module 'kafkajs/src/*';
