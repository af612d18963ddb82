#!/usr/bin/env python3
"""Validates svc's JSON outputs against schemas/json/*.schema.json.

    validate.py SCHEMA_DIR OUTPUT_DIR

OUTPUT_DIR holds NAME.N.json files (one svc --format json output each); each is
checked against SCHEMA_DIR/NAME.schema.json. The checker is self-contained (the
standard library only) and implements the JSON Schema 2020-12 keywords the
schemas use; a schema using any other keyword is an error, so that no
constraint is silently ignored. When the jsonschema module is installed
(Debian: python3-jsonschema) every schema is also checked against the 2020-12
meta-schema.
"""
import json
import os
import re
import sys

ANNOTATIONS = {"$schema", "$id", "title", "description", "$comment", "examples", "format", "$defs"}
KEYWORDS = {"type", "properties", "required", "additionalProperties", "items", "enum", "const", "$ref",
            "anyOf", "oneOf", "minimum", "maximum", "pattern", "minItems"}


def type_ok(value, t):
    if t == "null":
        return value is None
    if t == "boolean":
        return isinstance(value, bool)
    if t == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if t == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if t == "string":
        return isinstance(value, str)
    if t == "array":
        return isinstance(value, list)
    if t == "object":
        return isinstance(value, dict)
    raise ValueError(f"unknown type {t!r}")


class Checker:
    def __init__(self, schema_dir):
        self.dir = schema_dir
        self.cache = {}

    def load(self, name):
        if name not in self.cache:
            with open(os.path.join(self.dir, name), encoding="utf-8") as f:
                self.cache[name] = json.load(f)
        return self.cache[name]

    def resolve(self, ref, doc):
        file, _, frag = ref.partition("#")
        root = self.load(file) if file else doc
        node = root
        for part in [p for p in frag.split("/") if p]:
            node = node[part]
        return node, root

    def check(self, value, schema, doc, path, errors):
        unknown = set(schema) - KEYWORDS - ANNOTATIONS
        if unknown:
            raise ValueError(f"schema at {path}: unsupported keywords {sorted(unknown)}")
        if "$ref" in schema:
            target, root = self.resolve(schema["$ref"], doc)
            self.check(value, target, root, path, errors)
        if "type" in schema:
            types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
            if not any(type_ok(value, t) for t in types):
                errors.append(f"{path}: {json.dumps(value, ensure_ascii=False)[:60]} is not of type {types}")
                return
        if "enum" in schema and value not in schema["enum"]:
            errors.append(f"{path}: {value!r} not in {schema['enum']}")
        if "const" in schema and value != schema["const"]:
            errors.append(f"{path}: {value!r} != {schema['const']!r}")
        if "pattern" in schema and isinstance(value, str) and not re.search(schema["pattern"], value):
            errors.append(f"{path}: {value!r} does not match {schema['pattern']}")
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if "minimum" in schema and value < schema["minimum"]:
                errors.append(f"{path}: {value} < {schema['minimum']}")
            if "maximum" in schema and value > schema["maximum"]:
                errors.append(f"{path}: {value} > {schema['maximum']}")
        for key in ("anyOf", "oneOf"):
            if key in schema:
                passing = 0
                for sub in schema[key]:
                    e = []
                    self.check(value, sub, doc, path, e)
                    passing += not e
                if passing == 0 or (key == "oneOf" and passing > 1):
                    errors.append(f"{path}: {passing} of the {key} alternatives match")
        if isinstance(value, dict):
            props = schema.get("properties", {})
            for k in schema.get("required", []):
                if k not in value:
                    errors.append(f"{path}: lacks required '{k}'")
            for k, v in value.items():
                if k in props:
                    self.check(v, props[k], doc, f"{path}.{k}", errors)
                elif schema.get("additionalProperties") is False:
                    errors.append(f"{path}: unexpected field '{k}' (not in the schema)")
                elif isinstance(schema.get("additionalProperties"), dict):
                    self.check(v, schema["additionalProperties"], doc, f"{path}.{k}", errors)
        if isinstance(value, list):
            if "minItems" in schema and len(value) < schema["minItems"]:
                errors.append(f"{path}: fewer than {schema['minItems']} items")
            if "items" in schema:
                for i, v in enumerate(value):
                    self.check(v, schema["items"], doc, f"{path}[{i}]", errors)


def main():
    schema_dir, out_dir = sys.argv[1], sys.argv[2]
    checker = Checker(schema_dir)
    failures = 0
    try:
        import jsonschema  # Debian: python3-jsonschema
        for f in sorted(os.listdir(schema_dir)):
            jsonschema.Draft202012Validator.check_schema(checker.load(f))
    except ImportError:
        print("note: python3-jsonschema not installed; meta-schema check skipped")
    except Exception as e:  # a schema that is not valid JSON Schema
        print(f"FAIL: schema {f}: {e}")
        failures += 1
    for f in sorted(os.listdir(out_dir)):
        if not f.endswith(".json"):
            continue
        name = f.split(".")[0]
        path = os.path.join(out_dir, f)
        try:
            with open(path, encoding="utf-8") as fh:
                value = json.load(fh)
        except ValueError as e:
            print(f"FAIL: {f}: not JSON: {e}")
            failures += 1
            continue
        errors = []
        schema_file = f"{name}.schema.json"
        checker.check(value, checker.load(schema_file), checker.load(schema_file), "$", errors)
        for e in errors[:5]:
            print(f"FAIL: {f} vs {schema_file}: {e}")
        failures += bool(errors)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
