//! Merges chunk modules of the split build into one module.
//!
//! The splitter makes one chunk per set of pages that share some code, which for a few dozen
//! pages is hundreds of files of a few hundred bytes. A chunk only imports the main module's
//! memory, function table and globals, defines functions, and writes itself into that memory
//! and table with active data and element segments: instantiating a merge of several chunks
//! does what instantiating each of them does. So the split step merges the chunks that many
//! pages share into one file (see `split.rs` for which).

use std::collections::HashMap;
use wasm_encoder::reencode::{self, Reencode};
use wasm_encoder::{
    CodeSection, CustomSection, DataCountSection, DataSection, ElementSection, EntityType,
    FunctionSection, ImportSection, Module, TypeSection,
};
use wasmparser::{Parser, Payload, TypeRef};

/// The module that does what instantiating each of `modules` (in order) does.
pub fn merge(modules: &[&[u8]]) -> Result<Vec<u8>, String> {
    let parsed = modules
        .iter()
        .map(|bytes| Parsed::read(bytes))
        .collect::<Result<Vec<_>, _>>()?;

    // Imports, shared by name: one of each, with limits every module accepts.
    let mut imports: Vec<(String, String, TypeRef)> = Vec::new();
    let mut by_name: HashMap<(String, String), usize> = HashMap::new();
    for module in &parsed {
        for (m, n, ty) in &module.imports {
            let key = (m.clone(), n.clone());
            match by_name.get(&key) {
                None => {
                    by_name.insert(key, imports.len());
                    imports.push((m.clone(), n.clone(), *ty));
                }
                Some(&at) => {
                    let merged = widen(&imports[at].2, ty)
                        .ok_or_else(|| format!("chunks import {m}.{n} with different types"))?;
                    imports[at].2 = merged;
                }
            }
        }
    }

    let mut types = TypeSection::new();
    let mut functions = FunctionSection::new();
    let mut elements = ElementSection::new();
    let mut code = CodeSection::new();
    let mut data = DataSection::new();
    let mut import_section = ImportSection::new();
    let mut remaps = Vec::new();
    let (mut type_base, mut func_base, mut data_base, mut elem_base) = (0, 0, 0, 0);
    for module in &parsed {
        let mut remap = Remap {
            types: (type_base..type_base + module.types).map(to_u32).collect(),
            ..Remap::default()
        };
        // Each import kind has its own index space, in import order.
        for (m, n, ty) in &module.imports {
            let kind = kind_of(ty);
            let merged_at = by_name[&(m.clone(), n.clone())];
            let merged_index = imports[..merged_at]
                .iter()
                .filter(|i| kind_of(&i.2) == kind)
                .count();
            let list = match kind {
                1 => &mut remap.tables,
                2 => &mut remap.memories,
                _ => &mut remap.globals,
            };
            list.push(to_u32(merged_index));
        }
        remap
            .funcs
            .extend((func_base..func_base + module.functions.len()).map(to_u32));
        remap.data = (data_base..data_base + module.data_count)
            .map(to_u32)
            .collect();
        remap.elements = (elem_base..elem_base + module.element_count)
            .map(to_u32)
            .collect();
        type_base += module.types;
        func_base += module.functions.len();
        data_base += module.data_count;
        elem_base += module.element_count;
        remaps.push(remap);
    }
    for (m, n, ty) in &imports {
        import_section.import(m, n, entity(ty)?);
    }

    for (module, remap) in parsed.iter().zip(remaps.iter_mut()) {
        for payload in Parser::new(0).parse_all(module.bytes) {
            match payload.map_err(|e| e.to_string())? {
                Payload::TypeSection(r) => remap
                    .parse_type_section(&mut types, r)
                    .map_err(|e| e.to_string())?,
                Payload::FunctionSection(r) => {
                    for ty in r {
                        let ty = ty.map_err(|e| e.to_string())?;
                        functions.function(remap.types[ty as usize]);
                    }
                }
                Payload::ElementSection(r) => remap
                    .parse_element_section(&mut elements, r)
                    .map_err(|e| e.to_string())?,
                Payload::CodeSectionEntry(body) => remap
                    .parse_function_body(&mut code, body)
                    .map_err(|e| e.to_string())?,
                Payload::DataSection(r) => remap
                    .parse_data_section(&mut data, r)
                    .map_err(|e| e.to_string())?,
                _ => {}
            }
        }
    }

    let mut out = Module::new();
    out.section(&types);
    out.section(&import_section);
    out.section(&functions);
    if !elements.is_empty() {
        out.section(&elements);
    }
    if parsed.iter().any(|p| p.has_data_count) {
        out.section(&DataCountSection {
            count: to_u32(data_base),
        });
    }
    out.section(&code);
    out.section(&data);
    // wasm-opt reads the features the code uses from here.
    if let Some(features) = parsed.iter().find_map(|p| p.target_features) {
        out.section(&CustomSection {
            name: "target_features".into(),
            data: features.into(),
        });
    }
    Ok(out.finish())
}

/// What the merge needs to know of one module before copying it.
struct Parsed<'a> {
    bytes: &'a [u8],
    imports: Vec<(String, String, TypeRef)>,
    types: usize,
    functions: Vec<u32>,
    data_count: usize,
    element_count: usize,
    has_data_count: bool,
    /// The payload of the `target_features` custom section.
    target_features: Option<&'a [u8]>,
}

impl<'a> Parsed<'a> {
    fn read(bytes: &'a [u8]) -> Result<Self, String> {
        let mut p = Parsed {
            bytes,
            imports: Vec::new(),
            types: 0,
            functions: Vec::new(),
            data_count: 0,
            element_count: 0,
            has_data_count: false,
            target_features: None,
        };
        for payload in Parser::new(0).parse_all(bytes) {
            match payload.map_err(|e| e.to_string())? {
                Payload::TypeSection(r) => {
                    for group in r {
                        p.types += group.map_err(|e| e.to_string())?.types().len();
                    }
                }
                Payload::ImportSection(r) => {
                    for import in r.into_imports() {
                        let i = import.map_err(|e| e.to_string())?;
                        if kind_of(&i.ty) == 0 || kind_of(&i.ty) == 4 {
                            return Err(format!(
                                "a chunk imports {}.{} (a function or tag): the merge only \
                                 shares memories, tables and globals",
                                i.module, i.name
                            ));
                        }
                        p.imports.push((i.module.into(), i.name.into(), i.ty));
                    }
                }
                Payload::FunctionSection(r) => {
                    for ty in r {
                        p.functions.push(ty.map_err(|e| e.to_string())?);
                    }
                }
                Payload::ElementSection(r) => p.element_count = r.count() as usize,
                Payload::DataSection(r) => p.data_count = r.count() as usize,
                Payload::DataCountSection { .. } => p.has_data_count = true,
                // The splitter writes an export section even when a chunk exports nothing.
                Payload::ExportSection(r) if r.count() == 0 => {}
                Payload::CustomSection(c) if c.name() == "target_features" => {
                    p.target_features = Some(c.data());
                }
                Payload::Version { .. }
                | Payload::CodeSectionStart { .. }
                | Payload::CodeSectionEntry(_)
                | Payload::CustomSection(_)
                | Payload::End(_) => {}
                other => {
                    // Tables, memories, globals, exports or a start function of its own: not the
                    // shape of a chunk, and not what this merge knows how to combine.
                    return Err(format!(
                        "a chunk has a section the merge does not handle: {:?}",
                        other.as_section().map(|(id, _)| id)
                    ));
                }
            }
        }
        Ok(p)
    }
}

/// Index maps from one module's index spaces into the merged module's.
#[derive(Default)]
struct Remap {
    types: Vec<u32>,
    funcs: Vec<u32>,
    tables: Vec<u32>,
    memories: Vec<u32>,
    globals: Vec<u32>,
    data: Vec<u32>,
    elements: Vec<u32>,
}

fn lookup(map: &[u32], i: u32) -> Result<u32, reencode::Error<String>> {
    map.get(i as usize)
        .copied()
        .ok_or_else(|| reencode::Error::UserError(format!("index {i} out of range")))
}

impl Reencode for Remap {
    type Error = String;

    fn type_index(&mut self, ty: u32) -> Result<u32, reencode::Error<String>> {
        lookup(&self.types, ty)
    }
    fn function_index(&mut self, f: u32) -> Result<u32, reencode::Error<String>> {
        lookup(&self.funcs, f)
    }
    fn table_index(&mut self, t: u32) -> Result<u32, reencode::Error<String>> {
        lookup(&self.tables, t)
    }
    fn memory_index(&mut self, m: u32) -> Result<u32, reencode::Error<String>> {
        lookup(&self.memories, m)
    }
    fn global_index(&mut self, g: u32) -> Result<u32, reencode::Error<String>> {
        lookup(&self.globals, g)
    }
    fn data_index(&mut self, d: u32) -> Result<u32, reencode::Error<String>> {
        lookup(&self.data, d)
    }
    fn element_index(&mut self, e: u32) -> Result<u32, reencode::Error<String>> {
        lookup(&self.elements, e)
    }
}

/// 0 function, 1 table, 2 memory, 3 global, 4 tag.
fn kind_of(ty: &TypeRef) -> u8 {
    match ty {
        TypeRef::Func(_) => 0,
        TypeRef::Table(_) => 1,
        TypeRef::Memory(_) => 2,
        TypeRef::Global(_) => 3,
        _ => 4,
    }
}

/// One import type that both `a` and `b` accept as declared (the larger minimum size); `None`
/// when they import different things under one name.
fn widen(a: &TypeRef, b: &TypeRef) -> Option<TypeRef> {
    match (a, b) {
        (TypeRef::Memory(x), TypeRef::Memory(y))
            if x.memory64 == y.memory64 && x.shared == y.shared =>
        {
            let mut m = *x;
            m.initial = x.initial.max(y.initial);
            m.maximum = x.maximum.zip(y.maximum).map(|(p, q)| p.max(q));
            Some(TypeRef::Memory(m))
        }
        (TypeRef::Table(x), TypeRef::Table(y)) if x.element_type == y.element_type => {
            let mut t = *x;
            t.initial = x.initial.max(y.initial);
            t.maximum = x.maximum.zip(y.maximum).map(|(p, q)| p.max(q));
            Some(TypeRef::Table(t))
        }
        (TypeRef::Global(x), TypeRef::Global(y)) if x == y => Some(*a),
        _ => None,
    }
}

fn entity(ty: &TypeRef) -> Result<EntityType, String> {
    let mut plain = reencode::RoundtripReencoder;
    plain
        .entity_type(*ty)
        .map_err(|e| format!("import type: {e}"))
}

fn to_u32(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_encoder::{
        ConstExpr, DataSection, ElementSection, Elements, Function, GlobalType, Instruction,
        MemoryType, RefType, TableType, ValType,
    };

    /// A chunk-shaped module: imports the shared memory, table and stack pointer, defines
    /// `bodies` (each `() -> i32`, calling by index within the module), and writes its
    /// functions into the table at `slot` and `bytes` into memory at `at`.
    fn chunk(
        min_pages: u64,
        bodies: &[&[Instruction]],
        slot: i32,
        at: i32,
        bytes: &[u8],
    ) -> Vec<u8> {
        let mut types = TypeSection::new();
        types.ty().function([], [ValType::I32]);
        let mut imports = ImportSection::new();
        imports.import(
            "__wasm_split",
            "memory",
            MemoryType {
                minimum: min_pages,
                maximum: None,
                memory64: false,
                shared: false,
                page_size_log2: None,
            },
        );
        imports.import(
            "__wasm_split",
            "__indirect_function_table",
            TableType {
                element_type: RefType::FUNCREF,
                minimum: 8,
                maximum: None,
                table64: false,
                shared: false,
            },
        );
        imports.import(
            "__wasm_split",
            "__wasm_split_shared0",
            GlobalType {
                val_type: ValType::I32,
                mutable: true,
                shared: false,
            },
        );
        let mut functions = FunctionSection::new();
        let mut code = CodeSection::new();
        for body in bodies {
            functions.function(0);
            let mut f = Function::new([]);
            for i in *body {
                f.instruction(i);
            }
            f.instruction(&Instruction::End);
            code.function(&f);
        }
        let mut elements = ElementSection::new();
        let indices: Vec<u32> = (0..bodies.len() as u32).collect();
        elements.active(
            Some(0),
            &ConstExpr::i32_const(slot),
            Elements::Functions(indices.into()),
        );
        let mut data = DataSection::new();
        data.active(0, &ConstExpr::i32_const(at), bytes.iter().copied());
        let mut m = Module::new();
        m.section(&types)
            .section(&imports)
            .section(&functions)
            .section(&elements)
            .section(&code)
            .section(&data);
        m.finish()
    }

    #[test]
    fn merged_chunks_share_one_set_of_imports_and_keep_their_calls() {
        let a = chunk(17, &[&[Instruction::GlobalGet(0)]], 3, 16, b"ab");
        let b = chunk(
            20,
            &[&[Instruction::I32Const(7)], &[Instruction::Call(0)]],
            5,
            32,
            b"cd",
        );
        let merged = merge(&[&a, &b]).unwrap();
        wasmparser::Validator::new()
            .validate_all(&merged)
            .expect("the merge is a valid module");

        let mut imports = Vec::new();
        let mut calls = Vec::new();
        let mut segments = 0;
        for payload in Parser::new(0).parse_all(&merged) {
            match payload.unwrap() {
                Payload::ImportSection(r) => {
                    for i in r.into_imports() {
                        let i = i.unwrap();
                        imports.push((i.name.to_string(), i.ty));
                    }
                }
                Payload::CodeSectionEntry(body) => {
                    for op in body.get_operators_reader().unwrap() {
                        if let wasmparser::Operator::Call { function_index } = op.unwrap() {
                            calls.push(function_index);
                        }
                    }
                }
                Payload::DataSection(r) => segments += r.count(),
                _ => {}
            }
        }
        assert_eq!(imports.len(), 3, "{imports:?}");
        // The larger of the two minimums, which both chunks accept.
        assert!(matches!(imports[0].1, TypeRef::Memory(m) if m.initial == 20));
        // The second chunk's call to its own first function now names it by its merged index.
        assert_eq!(calls, [1]);
        assert_eq!(segments, 2);
    }

    #[test]
    fn a_module_that_is_not_a_chunk_is_refused() {
        let mut exports = wasm_encoder::ExportSection::new();
        exports.export("x", wasm_encoder::ExportKind::Func, 0);
        let mut m = Module::new();
        let mut types = TypeSection::new();
        types.ty().function([], []);
        let mut functions = FunctionSection::new();
        functions.function(0);
        let mut code = CodeSection::new();
        let mut f = Function::new([]);
        f.instruction(&Instruction::End);
        code.function(&f);
        m.section(&types)
            .section(&functions)
            .section(&exports)
            .section(&code);
        assert!(merge(&[&m.finish()]).is_err());
    }
}
