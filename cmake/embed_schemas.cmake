# Generates a C++ source that embeds the JSON Schemas as string literals.
# Usage: cmake -DSCHEMA_DIR=... -DOUTPUT=... -P embed_schemas.cmake
set(kinds policy treasury proposal case report)
set(body "// Generated from core/schemas by cmake/embed_schemas.cmake. Do not edit.\n#include <string_view>\n\nnamespace ballast {\n\nstd::string_view embedded_schema(std::string_view kind) {\n")
foreach(kind IN LISTS kinds)
  file(READ "${SCHEMA_DIR}/${kind}.schema.json" text)
  # One line: the indentation only costs bytes (no string in the schemas spans lines).
  string(REGEX REPLACE "\n *" "" text "${text}")
  string(REPLACE "\": " "\":" text "${text}")
  string(APPEND text "\n")
  string(APPEND body "  if (kind == \"${kind}\")\n    return R\"ballast_schema(${text})ballast_schema\";\n")
endforeach()
string(APPEND body "  return {};\n}\n\n}  // namespace ballast\n")
file(WRITE "${OUTPUT}.tmp" "${body}")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
