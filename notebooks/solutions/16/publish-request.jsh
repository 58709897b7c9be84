Map<String, Object> publishBody(Circuit circuit) {
    return Map.of(
        "title", "A circuit from my notebook",
        "qasm", org.qise.qasm.QasmExporter.export(circuit),
        "visibility", "public",
        "tags", List.of("workshop"));
}
