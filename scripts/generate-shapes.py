#!/usr/bin/env python3
"""Generate Swift wire shapes from a botocore service model.

The botocore model is the wire contract: every request/response structure, enum, constraint and
error name Arca speaks comes from it, and nothing is hand-typed twice. Output (committed):

  <out>/<Operation>+Shapes.swift   request and response structures of one operation
  <out>/<Structure>.swift          each structure shared by several operations
  <out>/<Prefix>Enums.swift        String raw-value enums carrying the wire strings
  <out>/<Prefix>ErrorCode.swift    every error name with its HTTP status
  <out>/<Prefix>ServiceModel.swift the operation names of the API version

AWS JSON services (KMS) and AWS query services (IAM, STS, SNS) are both generated. Every structure
gets its schema (requests are validated against it, query answers written from it, audit records
derived from it). For a query service, output shapes say whether their answer carries
`<{Operation}Result>` (`AWSQueryOutput`); the error enum's raw value is the query `Code` (the
model's `error.code`) and it also knows each error's fault (`Sender` or `Receiver`); the service
model names the XML namespace.

`--operations A,B,...` generates only those operations and the structures, enums and errors they
reach (IAM has about 170 operations); `operationNames` still lists every operation of the API
version, so a dispatcher can tell an unknown action from one Arca does not implement.

Usage: scripts/generate-shapes.py kms 2014-11-01 KMS Sources/KeyManagement/Model/Generated
       scripts/generate-shapes.py iam 2010-05-08 IAM <out> --operations CreateUser,GetUser,ListUsers
"""
import argparse, gzip, json, os, re, sys
import botocore

KEYWORDS = set("""associatedtype class deinit enum extension fileprivate func import init inout internal let
open operator private protocol public rethrows static struct subscript typealias var break case continue
default defer do else fallthrough for guard if in repeat return switch where while as catch false is nil
super self Self throw throws true try Type""".split())

# Errors every AWS JSON service can return although service models do not list them.
COMMON_ERRORS = [
    ("AccessDeniedException", 400), ("ValidationException", 400), ("SerializationException", 400),
    ("UnknownOperationException", 400), ("ThrottlingException", 400),
    ("MissingAuthenticationTokenException", 400), ("IncompleteSignatureException", 400),
    ("InvalidSignatureException", 400), ("UnrecognizedClientException", 400),
]

# Errors every AWS query service can return although service models do not list them, as
# (code, HTTP status, receiver fault). Only codes AWS documents:
# - IAM API Reference, "Common Error Types": IncompleteSignature 400, InternalFailure 500,
#   InvalidParameterCombination 400, InvalidParameterValue 400, InvalidQueryParameter 400,
#   MissingAction 400, MissingAuthenticationToken 403, MissingParameter 400, RequestExpired 400,
#   ServiceUnavailable 503, ValidationError 400; it spells two the AWS JSON way
#   (AccessDeniedException 403, ExpiredTokenException 403) while IAM and STS answer `AccessDenied`
#   and `ExpiredToken`, as the AWS Knowledge Center articles "iam-assume-role-error" and
#   "sts-iam-token-expired" show.
# - "Common Errors" of the other query APIs (RDS, CloudSearch): InvalidAction 400,
#   InvalidClientTokenId 403, Throttling 400 (the code botocore's retry rules know).
# - IAM User Guide, "Troubleshoot Signature Version 4 signing": HTTP 403 SignatureDoesNotMatch.
COMMON_QUERY_ERRORS = [
    ("AccessDenied", 403, False), ("ExpiredToken", 403, False), ("IncompleteSignature", 400, False),
    ("InternalFailure", 500, True), ("InvalidAction", 400, False), ("InvalidClientTokenId", 403, False),
    ("InvalidParameterCombination", 400, False), ("InvalidParameterValue", 400, False),
    ("InvalidQueryParameter", 400, False), ("MissingAction", 400, False),
    ("MissingAuthenticationToken", 403, False), ("MissingParameter", 400, False),
    ("RequestExpired", 400, False), ("ServiceUnavailable", 503, True),
    ("SignatureDoesNotMatch", 403, False), ("Throttling", 400, False), ("ValidationError", 400, False),
]

# Errors a service answers although its model does not list them, per service.
UNMODELLED_ERRORS = {
    # KMS refuses customer changes to aliases under the reserved `alias/aws/` prefix with this code.
    "kms": [("NotAuthorizedException", 400)],
}


def camel(name):
    """AWSAccountId -> awsAccountId, KeyId -> keyId, ARN -> arn."""
    m = re.match(r"^([A-Z]+)(.*)$", name)
    if not m:
        ident = name
    else:
        run, rest = m.groups()
        if not rest:
            ident = run.lower()
        elif len(run) > 1 and rest[0].islower():
            ident = run[:-1].lower() + run[-1] + rest
        else:
            ident = run.lower() + rest
    return f"`{ident}`" if ident in KEYWORDS else ident


def type_name(shape_name):
    """Swift type names start upper-case; IAM names many enum shapes `statusType`."""
    return shape_name[0].upper() + shape_name[1:]


def case_name(value):
    """SYMMETRIC_DEFAULT -> symmetricDefault, PendingDeletion -> pendingDeletion."""
    tokens = [t for t in re.split(r"[^A-Za-z0-9]+", value) if t]
    out = []
    for i, tok in enumerate(tokens):
        if tok.upper() == tok:
            tok = tok.lower()
        elif i == 0:
            tok = camel(tok).strip("`")
        if i > 0:
            tok = tok[0].upper() + tok[1:]
        out.append(tok)
    ident = "".join(out)
    if ident[0].isdigit():
        ident = "_" + ident
    return f"`{ident}`" if ident in KEYWORDS else ident


class Generator:
    def __init__(self, service, version, prefix, operations=None):
        path = os.path.join(os.path.dirname(botocore.__file__), "data", service, version, "service-2.json.gz")
        self.model = json.load(gzip.open(path))
        self.shapes = self.model["shapes"]
        self.prefix = prefix
        self.service = service
        self.query = self.model["metadata"]["protocol"] == "query"
        # A query-compatible service (SQS) answers an unknown enum value with its own error
        # ("Unknown Attribute Foo.", InvalidAttributeName), never with a ValidationException: its
        # enum members are plain strings here and its domain checks them.
        self.enums_as_strings = "awsQueryCompatible" in self.model["metadata"]
        all_ops = self.model["operations"]
        unknown = sorted(set(operations or []) - set(all_ops))
        if unknown:
            sys.exit(f"unknown {prefix} operations: {', '.join(unknown)}")
        self.ops = {n: all_ops[n] for n in operations} if operations else all_ops
        self.subset = bool(operations)
        # A query-compatible service also speaks the query protocol, whose parameter and element
        # names (locationName, flattened) its JSON model no longer carries: they come from
        # `scripts/models/<service>-query-names.json`, which says where they were taken from.
        self.query_names = {"members": {}, "aggregates": {}}
        names_path = os.path.join(os.path.dirname(__file__), "models", f"{service}-query-names.json")
        if self.enums_as_strings and os.path.exists(names_path):
            self.query_names = json.load(open(names_path))
        elif self.query:
            self.query_names = self.model_query_names()
        # Whether answers are also written as query XML, which needs to know the output shapes.
        self.speaks_query = self.query or bool(self.query_names["members"] or self.query_names["aggregates"])

    def swift_type(self, shape_name):
        s = self.shapes[shape_name]
        t = s["type"]
        if t == "string":
            return type_name(shape_name) if "enum" in s and not self.enums_as_strings else "String"
        return {
            "blob": "Data", "boolean": "Bool", "integer": "Int", "long": "Int64", "double": "Double",
            "float": "Double", "timestamp": "Date",
            "list": lambda: f"[{self.swift_type(s['member']['shape'])}]",
            # Map keys stay `String` even when the model gives them an enum (IAM `SummaryMapType`):
            # AWS JSON object keys and query `entry.N.key`s are strings; the schema checks the values.
            "map": lambda: f"[String: {self.swift_type(s['value']['shape'])}]",
            "structure": lambda: type_name(shape_name),
        }[t]() if t in ("list", "map", "structure") else {
            "blob": "Data", "boolean": "Bool", "integer": "Int", "long": "Int64", "double": "Double",
            "float": "Double", "timestamp": "Date"}[t]

    def schema_expr(self, shape_name, member=None, depth=0):
        """A ShapeSchema expression; structures refer to their own generated `schema`."""
        s = self.shapes[shape_name]
        t = s["type"]
        sensitive = bool(s.get("sensitive") or (member or {}).get("sensitive"))
        args = []
        if "min" in s: args.append(f"min: {int(s['min'])}")
        if "max" in s: args.append(f"max: {int(s['max'])}")
        if "pattern" in s: args.append(f"pattern: {json.dumps(s['pattern'])}")
        if "enum" in s and not self.enums_as_strings:
            args.append(f"enumValues: {type_name(shape_name)}.allCases.map(\\.rawValue)")
        if sensitive: args.append("sensitive: true")
        names = self.query_names["aggregates"].get(shape_name) if t in ("list", "map") else None
        if names:
            parts = [f"flattened: {'true' if names['flattened'] else 'false'}"]
            parts += [f"{k}: \"{names[k]}\"" for k in ("member", "key", "value") if k in names]
            args.append(f"queryNames: ShapeSchema.QueryNames({', '.join(parts)})")
        extra = (", " + ", ".join(args)) if args else ""
        if t == "structure":
            return f"{type_name(shape_name)}.schema"
        if t == "list":
            return f".list({self.schema_expr(s['member']['shape'])}{extra})"
        if t == "map":
            return f".map(key: {self.schema_expr(s['key']['shape'])}, value: {self.schema_expr(s['value']['shape'])}{extra})"
        kind = {"string": "string", "blob": "blob", "boolean": "boolean", "integer": "integer", "long": "integer",
                "double": "double", "float": "double", "timestamp": "timestamp"}[t]
        return f".{kind}({extra[2:]})" if extra else f".{kind}()"

    def struct_code(self, name, query_output=False):
        s = self.shapes[name]
        required = set(s.get("required", []))
        members = list(s["members"].items())
        lines = [f"/// `{name}` from the {self.prefix} service model. Generated by scripts/generate-shapes.py; do not edit.",
                 f"public struct {type_name(name)}: Codable, Sendable, Equatable {{"]
        params = []
        for mname, m in members:
            ty = self.swift_type(m["shape"])
            opt = "" if mname in required else "?"
            lines.append(f"    public var {camel(mname)}: {ty}{opt}")
            params.append(f"{camel(mname)}: {ty}{opt}" + ("" if mname in required else " = nil"))
        lines.append("")
        lines.append(f"    public init({', '.join(params)}) {{")
        for mname, _ in members:
            p = camel(mname).strip("`")
            lines.append(f"        self.{p} = {camel(mname)}")
        lines.append("    }")
        if members:
            lines.append("")
            lines.append("    enum CodingKeys: String, CodingKey {")
            for mname, _ in members:
                lines.append(f"        case {camel(mname)} = \"{mname}\"")
            lines.append("    }")
        lines.append("}")
        lines.append("")
        lines += self.json_code(type_name(name), members, required)
        # Every structure carries its schema: requests are validated against it, query answers
        # are written as XML from it, and audit records keep only what it allows.
        lines.append("")
        lines.append(f"extension {type_name(name)}: AWSShape {{")
        lines.append("    public static let schema: ShapeSchema = .structure([")
        for mname, m in members:
            req = ", required: true" if mname in required else ""
            query_name = self.query_names["members"].get(f"{name}.{mname}")
            if query_name: req += f", queryName: \"{query_name}\""
            lines.append(f"        .init(\"{mname}\", {self.schema_expr(m['shape'], m)}{req}),")
        lines.append("    ])")
        lines.append("}")
        if query_output:
            lines += ["", f"extension {type_name(name)}: AWSQueryOutput {{", "    public static let hasResultElement = true", "}"]
        return "\n".join(lines)

    def json_code(self, name, members, required):
        """Direct JSON reading and writing, so requests and responses skip Codable's reflection."""
        lines = [f"extension {name}: JSONReadable, JSONWritable {{",
                 "    public init(json: JSONValue) throws(AWSRequestError) {"]
        if members:
            lines.append("        let fields = try json.fields()")
            args = [f"{camel(m).strip('`')}: try fields.{'required' if m in required else 'optional'}(\"{m}\")"
                    for m, _ in members]
            lines.append("        self.init(")
            lines += [f"            {a}," for a in args[:-1]] + [f"            {args[-1]}"]
            lines.append("        )")
        else:
            lines.append("        _ = try json.fields()")
            lines.append("        self.init()")
        lines.append("    }")
        lines.append("")
        lines.append("    public func write(to writer: inout JSONWriter) {")
        lines.append("        writer.beginObject()")
        for m, _ in members:
            lines.append(f"        writer.member(\"{m}\", {camel(m)})")
        lines.append("        writer.endObject()")
        lines.append("    }")
        lines.append("}")
        return lines

    def empty_struct(self, opname, name, is_input):
        """The shape of an operation that has no input or output shape in the model."""
        lines = [f"/// `{opname}` has no members here. Generated by scripts/generate-shapes.py.",
                 f"public struct {name}: Codable, Sendable, Equatable {{", "    public init() {}", "}", ""]
        lines += self.json_code(name, [], set())
        lines += ["", f"extension {name}: AWSShape {{", "    public static let schema: ShapeSchema = .structure([])", "}"]
        if self.speaks_query and not is_input:
            # Query answers of an operation without an output shape carry no `<{Operation}Result>`.
            lines += ["", f"extension {name}: AWSQueryOutput {{", "    public static let hasResultElement = false", "}"]
        return "\n".join(lines)

    def reachable(self, root):
        seen, todo = set(), [root]
        while todo:
            n = todo.pop()
            if n in seen: continue
            seen.add(n)
            s = self.shapes[n]
            if s["type"] == "structure":
                todo += [m["shape"] for m in s["members"].values()]
            elif s["type"] == "list":
                todo.append(s["member"]["shape"])
            elif s["type"] == "map":
                todo += [s["key"]["shape"], s["value"]["shape"]]
        return seen

    def write(self, out):
        os.makedirs(out, exist_ok=True)
        for f in os.listdir(out):
            if f.endswith(".swift"): os.remove(os.path.join(out, f))
        header = "// Generated by scripts/generate-shapes.py from the botocore service model. Do not edit.\n\nimport AWSWire\nimport Foundation\n\n"
        ops = self.ops
        top = {}
        reachable = set()
        output_shapes = {op["output"]["shape"] for op in ops.values() if "output" in op}
        for op in ops.values():
            for io in ("input", "output"):
                if io in op:
                    top[op[io]["shape"]] = op["name"]
                    reachable |= self.reachable(op[io]["shape"])
        structs = [n for n, s in self.shapes.items() if s["type"] == "structure" and not s.get("exception")
                   and (not self.subset or n in reachable)]
        # Every structure carries its schema: requests are validated against it, query answers are
        # written as XML from it, and audit records keep of requests and answers only what it allows.
        emitted = set()
        for opname in sorted(ops):
            op = ops[opname]
            parts = []
            for io in ("input", "output"):
                if io not in op:
                    # Operations without an output shape answer `{}`.
                    name = f"{opname}{'Request' if io == 'input' else 'Response'}"
                    parts.append(self.empty_struct(opname, name, io == "input"))
                    continue
                shape = op[io]["shape"]
                if shape in emitted:
                    continue
                emitted.add(shape)
                parts.append(self.struct_code(shape, self.speaks_query and shape in output_shapes))
            with open(os.path.join(out, f"{opname}+Shapes.swift"), "w") as fh:
                fh.write(header + "\n\n".join(parts) + "\n")
        # Structures shared by several operations: one file each, so no file grows unreadable.
        for n in sorted(structs):
            if n in top:
                continue
            with open(os.path.join(out, f"{n}.swift"), "w") as fh:
                fh.write(header + self.struct_code(n) + "\n")
        enums = []
        for n in sorted(n for n, s in self.shapes.items() if "enum" in s and (not self.subset or n in reachable)):
            body = "\n".join(f"    case {case_name(v)} = \"{v}\"" for v in self.shapes[n]["enum"])
            enums.append(f"/// `{n}` from the {self.prefix} service model.\npublic enum {type_name(n)}: String, Codable, CaseIterable, Sendable {{\n{body}\n}}" + f"\n\nextension {type_name(n)}: JSONReadable, JSONWritable {{}}")
        with open(os.path.join(out, f"{self.prefix}Enums.swift"), "w") as fh:
            fh.write("// Generated by scripts/generate-shapes.py from the botocore service model. Do not edit.\n\nimport AWSWire\n\n" + "\n\n".join(enums) + "\n")
        if self.query:
            self.write_query_errors(out)
            self.write_query_service_model(out)
            return
        if "awsQueryCompatible" in self.model["metadata"]:
            self.write_query_compatible_errors(out)
        else:
            self.write_json_errors(out)
        self.write_json_service_model(out)

    def write_json_errors(self, out):
        ops = self.ops
        errors = []
        # With --operations, only the errors those operations declare (plus the common ones).
        declared = {e["shape"] for op in ops.values() for e in op.get("errors", [])}
        for n, s in sorted(self.shapes.items()):
            if s.get("exception") and (not self.subset or n in declared):
                status = s.get("error", {}).get("httpStatusCode") or (503 if n == "DependencyTimeoutException" else 500 if s.get("fault") else 400)
                errors.append((n, status))
        names = {n for n, _ in errors}
        errors += [(n, st) for n, st in COMMON_ERRORS + UNMODELLED_ERRORS.get(self.service, []) if n not in names]
        cases = "\n".join(f"    case {case_name(re.sub('Exception$', '', n))} = \"{n}\"" for n, _ in errors)
        statuses = "\n".join(f"        case .{case_name(re.sub('Exception$', '', n)).strip('`')}: {st}" for n, st in errors)
        with open(os.path.join(out, f"{self.prefix}ErrorCode.swift"), "w") as fh:
            fh.write(f"""// Generated by scripts/generate-shapes.py from the botocore service model. Do not edit.

/// Every error the {self.prefix} API can return: the service model's exceptions plus the errors
/// common to every AWS JSON service. The raw value is the wire `__type`.
public enum {self.prefix}ErrorCode: String, Sendable, CaseIterable {{
{cases}

    /// The HTTP status AWS answers this error with.
    public var httpStatusCode: Int {{
        switch self {{
{statuses}
        }}
    }}
}}
""")

    def write_query_compatible_errors(self, out):
        """The errors of an AWS JSON service with the `awsQueryCompatible` trait (SQS): each has
        its JSON `__type` (the raw value), the query code SDKs read from the `x-amzn-query-error`
        header, and its HTTP status. botocore's JSON model lacks the query codes; they come from
        `scripts/models/<service>-query-errors.json`, which says where each was taken from."""
        table = json.load(open(os.path.join(os.path.dirname(__file__), "models", f"{self.service}-query-errors.json")))
        errors = []
        for n, s in sorted(self.shapes.items()):
            if not s.get("exception"):
                continue
            code, status = table["modelled"].get(n, [n, 400])
            errors.append((n, code, status))
        names = {n for n, _, _ in errors}
        errors += [(n, code, status) for n, code, status, _ in table["unmodelled"] if n not in names]
        names = {n for n, _, _ in errors}
        errors += [(n, n, st) for n, st in COMMON_ERRORS if n not in names]
        case = lambda n: case_name(re.sub("Exception$", "", n))
        cases = "\n".join(f"    case {case(n)} = \"{n}\"" for n, _, _ in errors)
        codes = "\n".join(f"        case .{case(n).strip('`')}: \"{c}\"" for n, c, _ in errors)
        statuses = "\n".join(f"        case .{case(n).strip('`')}: {st}" for n, _, st in errors)
        with open(os.path.join(out, f"{self.prefix}ErrorCode.swift"), "w") as fh:
            fh.write(f"""// Generated by scripts/generate-shapes.py from the botocore service model. Do not edit.

/// Every error the {self.prefix} API can return: the service model's exceptions, the errors it
/// answers although the model does not list them, and the errors common to every AWS JSON
/// service. The raw value is the wire `__type`; ``queryCode`` is what the `x-amzn-query-error`
/// header carries and SDKs report as the error code.
public enum {self.prefix}ErrorCode: String, Sendable, CaseIterable {{
{cases}

    /// The error's code in the query protocol (`AWS.SimpleQueueService.NonExistentQueue`).
    public var queryCode: String {{
        switch self {{
{codes}
        }}
    }}

    /// The HTTP status AWS answers this error with.
    public var httpStatusCode: Int {{
        switch self {{
{statuses}
        }}
    }}
}}
""")

    def xml_namespace_line(self):
        """The `xmlns` of query answers, for a JSON service that also speaks query."""
        namespace = self.query_names.get("xmlNamespace")
        if not namespace:
            return ""
        return f'\n    /// The `xmlns` of every query-protocol answer and error body.\n    public static let xmlNamespace = "{namespace}"'

    def write_json_service_model(self, out):
        names = ",\n".join(f"        \"{n}\"" for n in sorted(self.model["operations"]))
        with open(os.path.join(out, f"{self.prefix}ServiceModel.swift"), "w") as fh:
            fh.write(f"""// Generated by scripts/generate-shapes.py from the botocore service model. Do not edit.

/// Facts of the {self.prefix} service model ({self.model['metadata']['apiVersion']}).
public enum {self.prefix}ServiceModel {{
    public static let apiVersion = "{self.model['metadata']['apiVersion']}"
    public static let targetPrefix = "{self.model['metadata'].get('targetPrefix', '')}"{self.xml_namespace_line()}
    /// Every operation of the API version, implemented or not.
    public static let operationNames: Set<String> = [
{names},
    ]
}}
""")

    def model_query_names(self):
        """The query names a query service's own model carries (SNS `Publish` sends
        `MessageAttributes.entry.N.Name`), in the form of `scripts/models/<service>-query-names.json`:
        a list's or map's `locationName`s and `flattened`, a structure member's `locationName`."""
        names = {"members": {}, "aggregates": {}}
        for n, s in sorted(self.shapes.items()):
            if s["type"] == "structure":
                for m, r in s["members"].items():
                    if "locationName" in r:
                        names["members"][f"{n}.{m}"] = r["locationName"]
                    if r.get("flattened"):
                        sys.exit(f"{self.prefix}: member {n}.{m} is flattened; ShapeSchema flattens shapes, not members")
                continue
            refs = {"list": [("member", s.get("member"))], "map": [("key", s.get("key")), ("value", s.get("value"))]}.get(s["type"])
            if refs is None:
                continue
            entry = {k: r["locationName"] for k, r in refs if r and "locationName" in r}
            if entry or s.get("flattened"):
                names["aggregates"][n] = {"flattened": bool(s.get("flattened")), **entry}
        return names

    def write_query_errors(self, out):
        """The query error enum: the raw value is the `Code` (the model's `error.code`, else the
        shape name), the status the model's `httpStatusCode` (else 400 for a client error and 500
        for a server one, as Smithy resolves it), and the fault `Sender` unless the model makes the
        error the service's (`fault`, or an `error` without `senderFault`)."""
        wanted = {e["shape"] for op in self.ops.values() for e in op.get("errors", [])} if self.subset else None
        errors = []
        for n, s in sorted(self.shapes.items()):
            if not s.get("exception") or (wanted is not None and n not in wanted):
                continue
            error = s.get("error", {})
            receiver = bool(s.get("fault")) or (bool(error) and not error.get("senderFault"))
            errors.append((error.get("code", n), error.get("httpStatusCode") or (500 if receiver else 400), receiver))
        codes = set()
        unique = []
        for e in errors + COMMON_QUERY_ERRORS:
            if e[0] not in codes:
                codes.add(e[0])
                unique.append(e)
        cases = "\n".join(f"    case {case_name(c)} = \"{c}\"" for c, _, _ in unique)
        statuses = "\n".join(f"        case .{case_name(c).strip('`')}: {st}" for c, st, _ in unique)
        receivers = ", ".join(f".{case_name(c).strip('`')}" for c, _, r in unique if r)
        fault = (f"        switch self {{\n        case {receivers}: .receiver\n        default: .sender\n        }}"
                 if receivers else "        .sender")
        with open(os.path.join(out, f"{self.prefix}ErrorCode.swift"), "w") as fh:
            fh.write(f"""// Generated by scripts/generate-shapes.py from the botocore service model. Do not edit.

import AWSWire

/// Every error the {self.prefix} API can return: the service model's exceptions plus the errors
/// common to every AWS query service. The raw value is the wire `Code`.
public enum {self.prefix}ErrorCode: String, Sendable, CaseIterable {{
{cases}

    /// The HTTP status AWS answers this error with.
    public var httpStatusCode: Int {{
        switch self {{
{statuses}
        }}
    }}

    /// Whom AWS blames for this error: the `Type` of the query error response.
    public var fault: AWSQueryFault {{
{fault}
    }}
}}
""")

    def write_query_service_model(self, out):
        meta = self.model["metadata"]
        names = ",\n".join(f"        \"{n}\"" for n in sorted(self.model["operations"]))
        with open(os.path.join(out, f"{self.prefix}ServiceModel.swift"), "w") as fh:
            fh.write(f"""// Generated by scripts/generate-shapes.py from the botocore service model. Do not edit.

/// Facts of the {self.prefix} service model ({meta['apiVersion']}).
public enum {self.prefix}ServiceModel {{
    /// The `Version` every request of this API carries.
    public static let apiVersion = "{meta['apiVersion']}"
    /// The `xmlns` of every answer and error body.
    public static let xmlNamespace = "{meta['xmlNamespace']}"
    /// Every operation of the API version, implemented or not.
    public static let operationNames: Set<String> = [
{names},
    ]
}}
""")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Generate Swift wire shapes from a botocore service model.")
    parser.add_argument("service")
    parser.add_argument("version")
    parser.add_argument("prefix")
    parser.add_argument("out")
    parser.add_argument("--operations", help="comma-separated operation names; default: every operation")
    args = parser.parse_args()
    operations = [o for o in (args.operations or "").split(",") if o] or None
    Generator(args.service, args.version, args.prefix, operations).write(args.out)
