/**
 * The structural walk of a file: package, imports, types (named, nested, local and anonymous),
 * fields and callables with their ids (metrics.md §1.3–§1.4). Bodies are analysed later, per
 * callable, by `callable-body.ts`.
 */
import type {
  Callable,
  FieldDecl,
  FileImports,
  Parameter,
  TypeDecl,
  TypeKind,
  TypeRef,
} from '../model/types.js';
import {
  declarationAnnotations,
  declarationModifiers,
  readAnnotations,
  type AnnotationContext,
} from './annotations.js';
import { spanOf } from './positions.js';
import { StringConstants } from './string-values.js';
import { SyntaxNode, type SourceText } from './syntax-tree.js';
import { arraySuffix, typeParameterNames, typeRef } from './type-refs.js';

/** Declaration node types and the kind of type they declare. */
const TYPE_DECLARATIONS = new Map<string, TypeKind>([
  ['class_declaration', 'class'],
  ['interface_declaration', 'interface'],
  ['enum_declaration', 'enum'],
  ['record_declaration', 'record'],
  ['annotation_type_declaration', 'annotation'],
]);

/** Body node types whose members are declarations. */
const TYPE_BODIES = new Set([
  'class_body',
  'interface_body',
  'enum_body',
  'enum_body_declarations',
  'annotation_type_body',
]);

/** A declared type with what body analysis needs about it. */
export interface TypeUnit {
  decl: TypeDecl;
  /** Dotted path of the nearest named type within the file (`Outer.Inner`), for constant lookup. */
  path: string;
  /** The superclass as written, for naming `super(…)` calls; null when none is written. */
  superclass: TypeRef | null;
}

/** A callable and the syntax its body analysis starts from. */
export interface CallableUnit {
  callable: Callable;
  type: TypeUnit;
  /** `block` or `constructor_body`; null for abstract and interface methods. */
  body: SyntaxNode | null;
}

/** The declarations of one file. */
export interface FileDeclarations {
  package: string;
  imports: FileImports;
  types: TypeUnit[];
  callables: CallableUnit[];
  constants: StringConstants;
  annotationContext: AnnotationContext;
}

/** File-level facts every declaration carries. */
interface FileFacts {
  src: SourceText;
  path: string;
  isTest: boolean;
  lowConfidence: boolean;
}

/**
 * Reads every declaration of a file. `path` is repo-relative; `lowConfidence` marks callables of
 * a file with parse errors. Pure; never throws on malformed trees (missing parts are skipped).
 */
export function readDeclarations(root: SyntaxNode, facts: FileFacts): FileDeclarations {
  const { src } = facts;
  const pkg = readPackage(root, src);
  const imports = readImports(root, src);
  const constants = new StringConstants(src);
  const fileTypes = new Map<string, string>();
  prescanTypes(root, pkg, '', src, constants, fileTypes);
  const annotationContext: AnnotationContext = { src, imports, constants, fileTypes };
  const walker = new DeclarationWalker(facts, pkg, annotationContext);
  let lastTopLevel: TypeUnit | null = null;
  for (const child of root.children) {
    if (TYPE_DECLARATIONS.has(child.type)) {
      walker.visitMember(child, null);
      lastTopLevel = walker.types.filter((t) => t.decl.outer === null).pop() ?? lastTopLevel;
    } else {
      // Error recovery can close a class early and leave its later members at the top level:
      // they are kept as members of the type before them (the file is low confidence anyway).
      walker.visitMember(child, lastTopLevel);
    }
  }
  return {
    package: pkg,
    imports,
    types: walker.types,
    callables: walker.callables,
    constants,
    annotationContext,
  };
}

function readPackage(root: SyntaxNode, src: SourceText): string {
  const declaration = root.childOfType('package_declaration');
  const name = declaration?.children.find((c) => c.type === 'scoped_identifier' || c.type === 'identifier');
  return name ? src.compact(name) : '';
}

function readImports(root: SyntaxNode, src: SourceText): FileImports {
  const imports: FileImports = { single: {}, onDemand: [], staticSingle: {}, staticOnDemand: [] };
  for (const declaration of root.children) {
    if (declaration.type !== 'import_declaration') continue;
    const isStatic = declaration.children.some((c) => c.type === 'static');
    const onDemand = declaration.children.some((c) => c.type === 'asterisk');
    const nameNode = declaration.children.find(
      (c) => c.type === 'scoped_identifier' || c.type === 'identifier',
    );
    if (!nameNode) continue;
    const name = src.compact(nameNode);
    const lastDot = name.lastIndexOf('.');
    if (onDemand) (isStatic ? imports.staticOnDemand : imports.onDemand).push(name);
    else if (isStatic) imports.staticSingle[name.slice(lastDot + 1)] = name.slice(0, Math.max(0, lastDot));
    else imports.single[name.slice(lastDot + 1)] = name;
  }
  return imports;
}

/** Whether a field declaration is a constant: `static final`, or any field of an interface or annotation type. */
function isConstantField(field: SyntaxNode, inInterface: boolean): boolean {
  if (inInterface || field.type === 'constant_declaration') return true;
  const modifiers = declarationModifiers(field);
  return modifiers.includes('static') && modifiers.includes('final');
}

/**
 * Registers named member types and constant fields before the main walk, so annotations and
 * constants may refer to declarations further down the file. Descends only through type bodies.
 */
function prescanTypes(
  node: SyntaxNode,
  idPrefix: string,
  path: string,
  src: SourceText,
  constants: StringConstants,
  fileTypes: Map<string, string>,
): void {
  for (const member of node.children) {
    if (TYPE_BODIES.has(member.type)) {
      prescanTypes(member, idPrefix, path, src, constants, fileTypes);
      continue;
    }
    const kind = TYPE_DECLARATIONS.get(member.type);
    if (kind !== undefined) {
      const nameNode = member.childByField('name');
      if (!nameNode) continue;
      const name = src.of(nameNode);
      const id = idPrefix === '' ? name : `${idPrefix}.${name}`;
      if (!fileTypes.has(name)) fileTypes.set(name, id);
      const body = member.childByField('body');
      const memberPath = path === '' ? name : `${path}.${name}`;
      if (body) prescanTypes(body, id, memberPath, src, constants, fileTypes);
      if (body && (kind === 'interface' || kind === 'annotation'))
        registerInterfaceConstants(body, memberPath, src, constants);
    } else if (member.type === 'field_declaration' && isConstantField(member, false)) {
      registerConstants(member, path, src, constants);
    }
  }
}

function registerInterfaceConstants(
  body: SyntaxNode,
  path: string,
  src: SourceText,
  constants: StringConstants,
): void {
  for (const member of body.children) {
    if (member.type === 'constant_declaration' || member.type === 'field_declaration')
      registerConstants(member, path, src, constants);
  }
}

function registerConstants(
  field: SyntaxNode,
  path: string,
  src: SourceText,
  constants: StringConstants,
): void {
  for (const declarator of field.childrenByField('declarator')) {
    const name = declarator.childByField('name');
    const value = declarator.childByField('value');
    if (name && value) constants.declare(path, src.of(name), value);
  }
}

/** The main walk: builds `TypeDecl`s and `Callable` skeletons in source order. */
class DeclarationWalker {
  readonly types: TypeUnit[] = [];
  readonly callables: CallableUnit[] = [];
  private readonly anonymousCounters = new Map<string, number>();
  private readonly localCounters = new Map<string, number>();
  private readonly callableIds = new Set<string>();
  private readonly facts: FileFacts;
  private readonly pkg: string;
  private readonly ctx: AnnotationContext;

  constructor(facts: FileFacts, pkg: string, ctx: AnnotationContext) {
    this.facts = facts;
    this.pkg = pkg;
    this.ctx = ctx;
  }

  /** Visits a member of a type body (or of the compilation unit when `owner` is null). */
  visitMember(member: SyntaxNode, owner: TypeUnit | null): void {
    if (TYPE_DECLARATIONS.has(member.type)) {
      this.declareNamedType(member, owner, false);
      return;
    }
    if (owner === null) {
      // Top-level statements only occur in broken files; still look for classes inside them.
      if (member.type !== 'package_declaration' && member.type !== 'import_declaration')
        this.scanForNestedTypes(member, null);
      return;
    }
    switch (member.type) {
      case 'enum_body_declarations':
      case 'ERROR':
        // An ERROR node inside a body may still hold whole members.
        for (const inner of member.children) this.visitMember(inner, owner);
        return;
      case 'field_declaration':
      case 'constant_declaration':
        this.declareFields(member, owner);
        return;
      case 'method_declaration':
      case 'constructor_declaration':
      case 'compact_constructor_declaration':
        this.declareCallable(member, owner);
        return;
      case 'enum_constant': {
        const args = member.childByField('arguments');
        if (args) this.scanForNestedTypes(args, owner);
        const body = member.childByField('body');
        if (body)
          this.declareAnonymousType(member, body, owner, { name: owner.decl.name, text: owner.decl.name });
        return;
      }
      case 'annotation_type_element_declaration':
        // `String value();` in an @interface is an element, not a callable (case C04).
        return;
      default:
        // Initialiser blocks, static initialisers and anything unexpected: classes declared inside.
        this.scanForNestedTypes(member, owner);
    }
  }

  private typeId(name: string, owner: TypeUnit | null, local: boolean): string {
    if (owner === null) return this.pkg === '' ? name : `${this.pkg}.${name}`;
    if (!local) return `${owner.decl.id}.${name}`;
    const key = `${owner.decl.id}$${name}`;
    const n = (this.localCounters.get(key) ?? 0) + 1;
    this.localCounters.set(key, n);
    return `${owner.decl.id}$${n}${name}`;
  }

  private declareNamedType(node: SyntaxNode, owner: TypeUnit | null, local: boolean): void {
    const kind = TYPE_DECLARATIONS.get(node.type) as TypeKind;
    const nameNode = node.childByField('name');
    if (!nameNode) return;
    const { src } = this.facts;
    const name = src.of(nameNode);
    const path = owner === null ? name : local ? owner.path : `${owner.path}.${name}`;
    const superclassNode = node.childByField('superclass');
    const superType = superclassNode?.children.find((c) => c.named);
    const interfaces = node.childByField('interfaces') ?? node.childOfType('extends_interfaces');
    const superRefs = interfaces ? typeList(interfaces, src) : [];
    const decl: TypeDecl = {
      id: this.typeId(name, owner, local),
      name,
      package: this.pkg,
      kind,
      file: this.facts.path,
      span: spanOf(node, src),
      modifiers: declarationModifiers(node),
      annotations: declarationAnnotations(node, path, this.ctx),
      extends: kind === 'interface' ? superRefs : superType ? [typeRef(superType, src)] : [],
      implements: kind === 'interface' ? [] : superRefs,
      anonymousBase: null,
      outer: owner?.decl.id ?? null,
      fields: [],
      isTest: this.facts.isTest,
      typeParameters: typeParameterNames(node.childByField('type_parameters'), src),
    };
    const unit: TypeUnit = { decl, path, superclass: superType ? typeRef(superType, src) : null };
    this.types.push(unit);
    if (kind === 'record') this.declareRecordComponents(node, unit);
    const body = node.childByField('body');
    if (body) for (const member of body.children) this.visitMember(member, unit);
  }

  /** `new T(…) { … }` (or an enum constant with a body): a class named `$n` after its enclosing type. */
  private declareAnonymousType(node: SyntaxNode, body: SyntaxNode, owner: TypeUnit, base: TypeRef): void {
    const n = (this.anonymousCounters.get(owner.decl.id) ?? 0) + 1;
    this.anonymousCounters.set(owner.decl.id, n);
    const decl: TypeDecl = {
      id: `${owner.decl.id}$${n}`,
      name: `$${n}`,
      package: this.pkg,
      kind: 'class',
      file: this.facts.path,
      span: spanOf(node, this.facts.src),
      modifiers: [],
      annotations: [],
      extends: [],
      implements: [],
      anonymousBase: base,
      outer: owner.decl.id,
      fields: [],
      isTest: this.facts.isTest,
      typeParameters: [],
    };
    const unit: TypeUnit = { decl, path: owner.path, superclass: base };
    this.types.push(unit);
    for (const member of body.children) this.visitMember(member, unit);
  }

  /**
   * Finds anonymous and local classes inside code (bodies, initialisers, arguments), in source
   * order; lambdas are looked into. Iterative, as code can nest deeper than the call stack
   * (long generated concatenations). An anonymous class is declared after the classes in its
   * constructor arguments, as they come first in the source.
   */
  private scanForNestedTypes(root: SyntaxNode, owner: TypeUnit | null): void {
    const stack: (SyntaxNode | { anonymous: SyntaxNode })[] = [...root.children].reverse();
    while (stack.length > 0) {
      const item = stack.pop() as SyntaxNode | { anonymous: SyntaxNode };
      if (!(item instanceof SyntaxNode)) {
        const typeNode = item.anonymous.childByField('type');
        const base = typeNode ? typeRef(typeNode, this.facts.src) : { name: '', text: '' };
        this.declareAnonymousType(
          item.anonymous,
          item.anonymous.childOfType('class_body') as SyntaxNode,
          owner as TypeUnit,
          base,
        );
      } else if (owner !== null && TYPE_DECLARATIONS.has(item.type)) {
        this.declareNamedType(item, owner, true);
      } else if (
        owner !== null &&
        item.type === 'object_creation_expression' &&
        item.childOfType('class_body')
      ) {
        stack.push({ anonymous: item });
        for (let i = item.children.length - 1; i >= 0; i--) {
          const part = item.children[i] as SyntaxNode;
          if (part.type !== 'class_body') stack.push(part);
        }
      } else {
        for (let i = item.children.length - 1; i >= 0; i--) stack.push(item.children[i] as SyntaxNode);
      }
    }
  }

  private declareRecordComponents(node: SyntaxNode, unit: TypeUnit): void {
    const parameters = node.childByField('parameters');
    if (!parameters) return;
    for (const parameter of readParameters(parameters, unit.path, this.ctx)) {
      unit.decl.fields.push({
        name: parameter.name,
        type: parameter.type,
        modifiers: ['private', 'final'],
        annotations: parameter.annotations,
        line: this.facts.src.line(parameters),
        constantStrings: null,
        isRecordComponent: true,
      });
    }
  }

  private declareFields(node: SyntaxNode, owner: TypeUnit): void {
    const { src } = this.facts;
    const typeNode = node.childByField('type');
    if (!typeNode) return;
    const modifiers = declarationModifiers(node);
    const annotations = declarationAnnotations(node, owner.path, this.ctx);
    const constant = isConstantField(
      node,
      owner.decl.kind === 'interface' || owner.decl.kind === 'annotation',
    );
    for (const declarator of node.childrenByField('declarator')) {
      const name = declarator.childByField('name');
      if (!name) continue;
      const value = declarator.childByField('value');
      const field: FieldDecl = {
        name: src.of(name),
        type: typeRef(typeNode, src, declarator.childByField('dimensions')),
        modifiers,
        annotations,
        line: src.line(declarator),
        constantStrings: constant && value ? this.ctx.constants.evaluate(value, owner.path) : null,
        isRecordComponent: false,
      };
      owner.decl.fields.push(field);
      if (value) this.scanForNestedTypes(declarator, owner);
    }
  }

  private declareCallable(node: SyntaxNode, owner: TypeUnit): void {
    const { src } = this.facts;
    const nameNode = node.childByField('name');
    if (!nameNode) return;
    const isMethod = node.type === 'method_declaration';
    const name = isMethod ? src.of(nameNode) : owner.decl.name;
    const parametersNode =
      node.type === 'compact_constructor_declaration'
        ? findRecordParameters(node)
        : node.childByField('parameters');
    const parameters = parametersNode ? readParameters(parametersNode, owner.path, this.ctx) : [];
    const signature = parameters.map((p) => (p.varargs ? `${p.type.text}...` : p.type.text)).join(',');
    const id = this.uniqueId(`${owner.decl.id}#${name}(${signature})`);
    const returnTypeNode = isMethod ? node.childByField('type') : null;
    const returnType =
      returnTypeNode && returnTypeNode.type !== 'void_type'
        ? typeRef(returnTypeNode, src, node.childByField('dimensions'))
        : null;
    const body = node.childByField('body');
    const callable: Callable = {
      id,
      name,
      kind: isMethod ? 'method' : 'constructor',
      typeId: owner.decl.id,
      file: this.facts.path,
      span: spanOf(node, src),
      nameLine: src.line(nameNode),
      modifiers: declarationModifiers(node),
      annotations: declarationAnnotations(node, owner.path, this.ctx),
      parameters,
      returnType,
      typeParameters: typeParameterNames(node.childByField('type_parameters'), src),
      hasBody: body !== null,
      complexity: 0,
      callSites: [],
      identifierUses: [],
      exposures: [],
      bodyFingerprint: null,
      isTest: this.facts.isTest,
      lowConfidence: this.facts.lowConfidence,
    };
    this.callables.push({ callable, type: owner, body });
    if (body) this.scanForNestedTypes(body, owner);
  }

  /** Ids are unique within a file; only broken sources can repeat one, which then gets `$dupN`. */
  private uniqueId(id: string): string {
    let unique = id;
    for (let n = 2; this.callableIds.has(unique); n++) unique = `${id}$dup${n}`;
    this.callableIds.add(unique);
    return unique;
  }
}

/** The record header's parameters, for the compact constructor (which repeats them implicitly). */
function findRecordParameters(compactConstructor: SyntaxNode): SyntaxNode | null {
  const record = compactConstructor.parent?.parent;
  return record?.type === 'record_declaration' ? record.childByField('parameters') : null;
}

/** `TypeRef`s of a `super_interfaces` / `extends_interfaces` node's type list. */
function typeList(node: SyntaxNode, src: SourceText): TypeRef[] {
  const list = node.childOfType('type_list');
  return list ? list.children.filter((c) => c.named).map((c) => typeRef(c, src)) : [];
}

/**
 * Formal parameters in order; receiver parameters (`Foo this`) are skipped. A varargs parameter
 * has its element type as written and `varargs: true`.
 */
function readParameters(parameters: SyntaxNode, typePath: string, ctx: AnnotationContext): Parameter[] {
  const { src } = ctx;
  const result: Parameter[] = [];
  for (const parameter of parameters.children) {
    const modifiers = parameter.childOfType('modifiers');
    const annotations = modifiers ? readAnnotations(modifiers.children, typePath, ctx) : [];
    if (parameter.type === 'formal_parameter') {
      const typeNode = parameter.childByField('type');
      const name = parameter.childByField('name');
      if (!typeNode || !name) continue;
      result.push({
        name: src.of(name),
        type: typeRef(typeNode, src, parameter.childByField('dimensions')),
        annotations,
        varargs: false,
      });
    } else if (parameter.type === 'spread_parameter') {
      const typeNode = parameter.children.find(
        (c) => c.named && c.type !== 'modifiers' && c.type !== 'variable_declarator',
      );
      const declarator = parameter.childOfType('variable_declarator');
      const name = declarator?.childByField('name');
      if (!typeNode || !name) continue;
      const dims = declarator?.childByField('dimensions');
      const element = typeRef(typeNode, src);
      const suffix = dims ? arraySuffix(dims) : '';
      result.push({
        name: src.of(name),
        type: { name: element.name + suffix, text: element.text + suffix },
        annotations: [...annotations, ...readAnnotations(parameter.children, typePath, ctx)],
        varargs: true,
      });
    }
  }
  return result;
}
