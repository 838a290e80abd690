//! The documents' shapes written once (spec §2): `#[derive(Read, Write, Describe)]` on a model
//! type of cxzy-core gives its reader (every structural error at once, each with its JSON
//! pointer, spec §4.1), its writer (serde `Serialize`, amounts with their `_exact` sibling,
//! defaults left out) and its description (`Shape`, from which the JSON Schemas and the
//! TypeScript declarations are generated). The field list, the names, what is optional and what
//! is bounded are read from the type's definition and its `#[cxzy(...)]` attributes, nowhere else.
//!
//! Type attributes: `rename_all = "snake_case"` (enums), `tag = "kind"` (an internally tagged
//! enum), `check = path` with `check_fields = (a, b)` (a rule across fields:
//! `fn(&mut Reader, &str, &A, &B) -> bool`, called once every field has been read, when fields
//! `a` and `b` did; `false` means it reported an error and the value does not read),
//! `known_from = Type` (a summary that reads some fields of a document and accepts all of that
//! document's field names), `name = "..."` (the name in schemas; default: the type's).
//!
//! Field attributes: `rename = "..."`, `default` or `default = expr` (optional; left out when
//! equal), `nullable` (an `Option` written as `null`), `amount` (an exact value written as
//! `"87.50"` plus `<name>_exact` where needed), `fixed2` (a Decimal written as `"10.00"`),
//! `min = expr, max = expr` (a whole number's range), `max_items = expr` (a list's length),
//! `with = path` (a module with `read(r, v, p)` and `shape()` for this field's value),
//! `since = 2` (a field, or a variant, that exists from version 2 of the document on: in a
//! version-1 document its key is unknown, as it always was), `optional_since = 2` (an `Option`
//! field that version 1 requires).

use proc_macro::TokenStream;
use proc_macro2::TokenStream as Tokens;
use quote::{format_ident, quote};
use syn::parse::Parse;
use syn::spanned::Spanned;
use syn::{
    parse_macro_input, Attribute, Data, DeriveInput, Expr, Fields, GenericArgument, Ident, LitStr,
    Path, PathArguments, Type,
};

#[proc_macro_derive(Read, attributes(cxzy))]
pub fn derive_read(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand(&input, read_impl).into()
}

#[proc_macro_derive(Write, attributes(cxzy))]
pub fn derive_write(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand(&input, write_impl).into()
}

#[proc_macro_derive(Describe, attributes(cxzy))]
pub fn derive_describe(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand(&input, describe_impl).into()
}

fn expand(input: &DeriveInput, f: fn(&Model) -> syn::Result<Tokens>) -> Tokens {
    match Model::parse(input).and_then(|m| f(&m)) {
        Ok(tokens) => tokens,
        Err(e) => e.to_compile_error(),
    }
}

// ---------------------------------------------------------------------------------------------
// The model of a type, as its definition and attributes say.

struct Model {
    ident: Ident,
    name: String,
    doc: String,
    attrs: TypeAttrs,
    body: Body,
}

enum Body {
    Struct(Vec<Field>),
    /// Unit variants written as strings.
    Strings(Vec<Variant>),
    /// Variants with named fields (or none), told apart by the `tag` field.
    Tagged(String, Vec<Variant>),
}

struct Variant {
    ident: Ident,
    key: String,
    doc: String,
    fields: Vec<Field>,
    unit: bool,
    since: u8,
}

#[derive(Default)]
struct TypeAttrs {
    rename_all: Option<String>,
    tag: Option<String>,
    check: Option<Path>,
    check_fields: Vec<Ident>,
    known_from: Option<Type>,
    name: Option<String>,
}

struct Field {
    ident: Ident,
    key: String,
    ty: Type,
    /// `T` of an `Option<T>` field.
    optional: Option<Type>,
    doc: String,
    attrs: FieldAttrs,
}

struct FieldAttrs {
    rename: Option<String>,
    /// `Some(None)`: `default`; `Some(Some(e))`: `default = e`.
    default: Option<Option<Expr>>,
    nullable: bool,
    amount: bool,
    fixed2: bool,
    min: Option<Expr>,
    max: Option<Expr>,
    max_items: Option<Expr>,
    with: Option<Path>,
    since: u8,
    optional_since: Option<u8>,
}

fn doc_of(attrs: &[Attribute]) -> String {
    let mut lines = Vec::new();
    for a in attrs.iter().filter(|a| a.path().is_ident("doc")) {
        if let syn::Meta::NameValue(nv) = &a.meta {
            if let Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) = &nv.value
            {
                lines.push(s.value().trim().to_owned());
            }
        }
    }
    lines.join(" ").trim().to_owned()
}

fn type_attrs(attrs: &[Attribute]) -> syn::Result<TypeAttrs> {
    let mut out = TypeAttrs::default();
    for a in attrs.iter().filter(|a| a.path().is_ident("cxzy")) {
        a.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename_all") {
                out.rename_all = Some(meta.value()?.parse::<LitStr>()?.value());
            } else if meta.path.is_ident("tag") {
                out.tag = Some(meta.value()?.parse::<LitStr>()?.value());
            } else if meta.path.is_ident("check") {
                out.check = Some(meta.value()?.parse()?);
            } else if meta.path.is_ident("check_fields") {
                let value = meta.value()?;
                let content;
                syn::parenthesized!(content in value);
                let names = content.parse_terminated(Ident::parse, syn::Token![,])?;
                out.check_fields = names.into_iter().collect();
            } else if meta.path.is_ident("known_from") {
                out.known_from = Some(meta.value()?.parse()?);
            } else if meta.path.is_ident("name") {
                out.name = Some(meta.value()?.parse::<LitStr>()?.value());
            } else {
                return Err(meta.error("unknown cxzy type attribute"));
            }
            Ok(())
        })?;
    }
    Ok(out)
}

impl Default for FieldAttrs {
    fn default() -> FieldAttrs {
        FieldAttrs {
            rename: None,
            default: None,
            nullable: false,
            amount: false,
            fixed2: false,
            min: None,
            max: None,
            max_items: None,
            with: None,
            since: 1,
            optional_since: None,
        }
    }
}

fn field_attrs(attrs: &[Attribute]) -> syn::Result<FieldAttrs> {
    let mut out = FieldAttrs::default();
    for a in attrs.iter().filter(|a| a.path().is_ident("cxzy")) {
        a.parse_nested_meta(|meta| {
            let p = &meta.path;
            if p.is_ident("rename") {
                out.rename = Some(meta.value()?.parse::<LitStr>()?.value());
            } else if p.is_ident("default") {
                out.default = Some(match meta.value() {
                    Ok(v) => Some(v.parse()?),
                    Err(_) => None,
                });
            } else if p.is_ident("nullable") {
                out.nullable = true;
            } else if p.is_ident("amount") {
                out.amount = true;
            } else if p.is_ident("fixed2") {
                out.fixed2 = true;
            } else if p.is_ident("min") {
                out.min = Some(meta.value()?.parse()?);
            } else if p.is_ident("max") {
                out.max = Some(meta.value()?.parse()?);
            } else if p.is_ident("max_items") {
                out.max_items = Some(meta.value()?.parse()?);
            } else if p.is_ident("with") {
                out.with = Some(meta.value()?.parse()?);
            } else if p.is_ident("since") {
                out.since = meta.value()?.parse::<syn::LitInt>()?.base10_parse()?;
            } else if p.is_ident("optional_since") {
                out.optional_since = Some(meta.value()?.parse::<syn::LitInt>()?.base10_parse()?);
            } else {
                return Err(meta.error("unknown cxzy field attribute"));
            }
            Ok(())
        })?;
    }
    Ok(out)
}

/// `T` when `ty` is `Option<T>`.
fn option_inner(ty: &Type) -> Option<Type> {
    let Type::Path(tp) = ty else { return None };
    let last = tp.path.segments.last()?;
    if last.ident != "Option" {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first()? {
        GenericArgument::Type(t) => Some(t.clone()),
        _ => None,
    }
}

/// `PartyWorker` → `party_worker`.
fn snake_case(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn parse_fields(fields: &Fields) -> syn::Result<Vec<Field>> {
    let mut out = Vec::new();
    for f in fields {
        let Some(ident) = f.ident.clone() else {
            return Err(syn::Error::new(f.span(), "cxzy derives need named fields"));
        };
        let attrs = field_attrs(&f.attrs)?;
        let key = attrs.rename.clone().unwrap_or_else(|| ident.to_string());
        let optional = option_inner(&f.ty);
        if attrs.nullable && optional.is_none() {
            return Err(syn::Error::new(f.span(), "nullable needs an Option field"));
        }
        if attrs.default.is_some() && optional.is_some() {
            return Err(syn::Error::new(
                f.span(),
                "an Option is optional already: no default",
            ));
        }
        out.push(Field {
            ident,
            key,
            ty: f.ty.clone(),
            optional,
            doc: doc_of(&f.attrs),
            attrs,
        });
    }
    Ok(out)
}

impl Model {
    fn parse(input: &DeriveInput) -> syn::Result<Model> {
        let attrs = type_attrs(&input.attrs)?;
        let body = match &input.data {
            Data::Struct(s) => Body::Struct(parse_fields(&s.fields)?),
            Data::Enum(e) => {
                let mut variants = Vec::new();
                for v in &e.variants {
                    let vattrs = field_attrs(&v.attrs)?;
                    let name = v.ident.to_string();
                    let key = vattrs.rename.clone().unwrap_or_else(|| {
                        match attrs.rename_all.as_deref() {
                            Some("snake_case") => snake_case(&name),
                            _ => name.clone(),
                        }
                    });
                    let (fields, unit) = match &v.fields {
                        Fields::Unit => (Vec::new(), true),
                        Fields::Named(_) => (parse_fields(&v.fields)?, false),
                        Fields::Unnamed(_) => {
                            return Err(syn::Error::new(
                                v.span(),
                                "cxzy derives need unit or named-field variants",
                            ))
                        }
                    };
                    variants.push(Variant {
                        ident: v.ident.clone(),
                        key,
                        doc: doc_of(&v.attrs),
                        fields,
                        unit,
                        since: vattrs.since,
                    });
                }
                match &attrs.tag {
                    Some(tag) => Body::Tagged(tag.clone(), variants),
                    None if variants.iter().all(|v| v.unit) => Body::Strings(variants),
                    None => {
                        return Err(syn::Error::new(
                            input.span(),
                            "an enum with fields needs #[cxzy(tag = \"...\")]",
                        ))
                    }
                }
            }
            Data::Union(_) => {
                return Err(syn::Error::new(input.span(), "unions are not documents"))
            }
        };
        Ok(Model {
            ident: input.ident.clone(),
            name: attrs
                .name
                .clone()
                .unwrap_or_else(|| input.ident.to_string()),
            doc: doc_of(&input.attrs),
            attrs,
            body,
        })
    }
}

fn exact_key(key: &str) -> String {
    format!("{key}_exact")
}

/// The JSON keys of some fields, in order (an amount brings its `_exact` sibling), each with
/// the version of the document it exists from.
fn keys(fields: &[Field]) -> Vec<(String, u8)> {
    let mut out = Vec::new();
    for f in fields {
        out.push((f.key.clone(), f.attrs.since));
        if f.attrs.amount {
            out.push((exact_key(&f.key), f.attrs.since));
        }
    }
    out
}

/// `&[("key", since), …]` as tokens.
fn keys_tokens(keys: &[(String, u8)]) -> Tokens {
    let pairs = keys.iter().map(|(k, n)| quote!((#k, #n)));
    quote!(&[#(#pairs),*])
}

// ---------------------------------------------------------------------------------------------
// Read

/// The closure that reads one field's value (the `T` of an `Option<T>`).
fn value_reader(f: &Field) -> Tokens {
    let inner = f.optional.as_ref().unwrap_or(&f.ty);
    let a = &f.attrs;
    if let Some(with) = &a.with {
        quote! { |r: &mut ::cxzy_core::read::Reader, v: ::cxzy_core::read::Node<'_>, p: &::cxzy_core::read::Path<'_>| #with::read(r, v, p) }
    } else if a.min.is_some() || a.max.is_some() {
        let min = a.min.clone().map_or(quote!(0u64), |e| quote!((#e) as u64));
        let max = a
            .max
            .clone()
            .map_or(quote!(u64::MAX), |e| quote!((#e) as u64));
        quote! { |r: &mut ::cxzy_core::read::Reader, v: ::cxzy_core::read::Node<'_>, p: &::cxzy_core::read::Path<'_>| r.uint_in::<#inner>(v, p, #min, #max) }
    } else if let Some(n) = &a.max_items {
        quote! {
            |r: &mut ::cxzy_core::read::Reader, v: ::cxzy_core::read::Node<'_>, p: &::cxzy_core::read::Path<'_>|
                r.list(v, p, (#n) as usize, |r, v, p| ::cxzy_core::read::Read::read(r, v, p))
        }
    } else {
        quote! { |r: &mut ::cxzy_core::read::Reader, v: ::cxzy_core::read::Node<'_>, p: &::cxzy_core::read::Path<'_>| <#inner as ::cxzy_core::read::Read>::read(r, v, p) }
    }
}

/// `let <var>: Option<field type> = …;` — the field read from map `m` at path `p`; a field of a
/// later version than the document's is absent (its key, if written, is reported unknown).
fn field_read(f: &Field, var: &Ident) -> syn::Result<Tokens> {
    let read = field_read_present(f, var)?;
    let since = f.attrs.since;
    if since <= 1 {
        return Ok(read);
    }
    let ty = &f.ty;
    let absent = if f.optional.is_some() {
        quote!(None)
    } else if let Some(default) = &f.attrs.default {
        match default {
            Some(e) => quote!(#e),
            None => quote!(<#ty as ::core::default::Default>::default()),
        }
    } else {
        return Err(syn::Error::new(
            f.ident.span(),
            "a field of a later version must be optional or have a default",
        ));
    };
    Ok(quote! {
        let #var: Option<#ty> = if r.version() >= #since {
            #read
            #var
        } else {
            Some(#absent)
        };
    })
}

fn field_read_present(f: &Field, var: &Ident) -> syn::Result<Tokens> {
    let key = &f.key;
    let ty = &f.ty;
    let a = &f.attrs;
    if a.fixed2 {
        return Err(syn::Error::new(
            f.ident.span(),
            "fixed2 fields are written, not read: read them as amounts",
        ));
    }
    if a.amount {
        let ek = exact_key(key);
        return Ok(if f.optional.is_some() {
            quote! { let #var: Option<#ty> = r.opt_amount(m, p, #key, #ek); }
        } else {
            quote! { let #var: Option<#ty> = r.amount(m, p, #key, #ek); }
        });
    }
    let read = value_reader(f);
    if let Some(n) = a.optional_since {
        if f.optional.is_none() {
            return Err(syn::Error::new(
                f.ident.span(),
                "optional_since needs an Option",
            ));
        }
        return Ok(quote! {
            let #var: Option<#ty> = if r.version() < #n {
                r.required_field(m, p, #key, #read).map(Some)
            } else {
                r.optional_field(m, p, #key, #read)
            };
        });
    }
    Ok(if f.optional.is_some() && a.nullable {
        quote! { let #var: Option<#ty> = r.nullable_field(m, p, #key, #read); }
    } else if f.optional.is_some() {
        quote! { let #var: Option<#ty> = r.optional_field(m, p, #key, #read); }
    } else if let Some(default) = &a.default {
        let value = match default {
            Some(e) => quote!(#e),
            None => quote!(<#ty as ::core::default::Default>::default()),
        };
        quote! { let #var: Option<#ty> = r.optional_field(m, p, #key, #read).map(|v| v.unwrap_or_else(|| #value)); }
    } else {
        quote! { let #var: Option<#ty> = r.required_field(m, p, #key, #read); }
    })
}

/// Reads `fields` from the object `v` at `p` whose allowed keys are `known`, runs the type's rule
/// across fields (if any) and builds with `build`.
fn read_fields(
    fields: &[Field],
    known: Tokens,
    build: Tokens,
    check: Option<(&Path, &[Ident])>,
) -> syn::Result<Tokens> {
    let vars: Vec<Ident> = fields
        .iter()
        .map(|f| format_ident!("field_{}", f.ident))
        .collect();
    let reads = fields
        .iter()
        .zip(&vars)
        .map(|(f, v)| field_read(f, v))
        .collect::<syn::Result<Vec<_>>>()?;
    let idents: Vec<&Ident> = fields.iter().map(|f| &f.ident).collect();
    let rule = match check {
        Some((path, names)) => {
            for n in names {
                if !fields.iter().any(|f| f.ident == *n) {
                    return Err(syn::Error::new(n.span(), "check_fields names no field"));
                }
            }
            let vars: Vec<Ident> = names.iter().map(|n| format_ident!("field_{}", n)).collect();
            let binds: Vec<Ident> = names
                .iter()
                .map(|n| format_ident!("checked_{}", n))
                .collect();
            quote! {
                if let (#(Some(#binds),)*) = (#(&#vars,)*) {
                    if !#path(r, p, #(#binds),*) {
                        return None;
                    }
                }
            }
        }
        None => quote!(),
    };
    // A document's version decides which of its keys exist: read it (silently) from its schema
    // tag before the keys are checked; the tag's own errors come in their place below.
    let peek = match fields.iter().find(|f| f.key == "schema") {
        Some(f) => {
            let ty = &f.ty;
            quote!(<#ty as ::cxzy_core::read::Versioned>::peek(r, v);)
        }
        None => quote!(),
    };
    Ok(quote! {{
        #peek
        let m = r.object_since(v, p, #known)?;
        #(#reads)*
        #rule
        #build { #(#idents: #vars?,)* }
    }})
}

fn read_impl(model: &Model) -> syn::Result<Tokens> {
    let ident = &model.ident;
    let body = match &model.body {
        Body::Struct(fields) => {
            let known = match &model.attrs.known_from {
                Some(t) => quote!(<#t as ::cxzy_core::read::Known>::KNOWN),
                None => keys_tokens(&keys(fields)),
            };
            let check = match (&model.attrs.check, model.attrs.check_fields.as_slice()) {
                (Some(path), names) if !names.is_empty() => Some((path, names)),
                (None, []) => None,
                _ => {
                    return Err(syn::Error::new(
                        ident.span(),
                        "check and check_fields go together",
                    ))
                }
            };
            let read = read_fields(fields, known, quote!(Self), check)?;
            quote! { Some(#read) }
        }
        Body::Strings(variants) => {
            let pairs = variants.iter().map(|v| {
                let (k, i, n) = (&v.key, &v.ident, v.since);
                quote!((#k, Self::#i, #n))
            });
            quote! {
                r.choice_since(v, p, &[#(#pairs),*])
            }
        }
        Body::Tagged(tag, variants) => {
            let pairs = variants.iter().enumerate().map(|(n, v)| {
                let (k, since) = (&v.key, v.since);
                quote!((#k, #n, #since))
            });
            let arms = variants
                .iter()
                .enumerate()
                .map(|(n, v)| {
                    let vi = &v.ident;
                    let mut k = vec![(tag.clone(), 1u8)];
                    k.extend(keys(&v.fields));
                    let known = keys_tokens(&k);
                    if v.unit {
                        Ok(quote! { #n => { r.object_since(v, p, #known)?; Some(Self::#vi) } })
                    } else {
                        let read = read_fields(&v.fields, known, quote!(Self::#vi), None)?;
                        Ok(quote! { #n => Some(#read), })
                    }
                })
                .collect::<syn::Result<Vec<_>>>()?;
            quote! {
                let kind: usize = r.tag(v, p, #tag, &[#(#pairs),*])?;
                match kind {
                    #(#arms)*
                    _ => None,
                }
            }
        }
    };
    Ok(quote! {
        impl ::cxzy_core::read::Read for #ident {
            fn read(r: &mut ::cxzy_core::read::Reader, v: ::cxzy_core::read::Node<'_>, p: &::cxzy_core::read::Path<'_>) -> Option<Self> {
                #body
            }
        }
    })
}

// ---------------------------------------------------------------------------------------------
// Write

/// Writes one field whose value is `value` (an expression of type `&field type`) into `st`.
fn field_write(f: &Field, value: Tokens) -> Tokens {
    let key = &f.key;
    let a = &f.attrs;
    if a.amount {
        let ek = exact_key(key);
        return if f.optional.is_some() && a.nullable {
            quote! { ::cxzy_core::model::write_opt_amount(&mut st, #key, #ek, (#value).as_ref())?; }
        } else if f.optional.is_some() {
            quote! { if let Some(x) = #value { ::cxzy_core::model::write_amount(&mut st, #key, #ek, x)?; } }
        } else {
            quote! { ::cxzy_core::model::write_amount(&mut st, #key, #ek, #value)?; }
        };
    }
    if a.fixed2 {
        return quote! { st.serialize_field(#key, &(#value).fixed2())?; };
    }
    if f.optional.is_some() && !a.nullable {
        return quote! { if let Some(x) = #value { st.serialize_field(#key, x)?; } };
    }
    if let Some(default) = &a.default {
        let ty = &f.ty;
        let d = match default {
            Some(e) => quote!(#e),
            None => quote!(<#ty as ::core::default::Default>::default()),
        };
        return quote! { if *(#value) != #d { st.serialize_field(#key, #value)?; } };
    }
    quote! { st.serialize_field(#key, #value)?; }
}

fn write_impl(model: &Model) -> syn::Result<Tokens> {
    let ident = &model.ident;
    let name = &model.name;
    let (body, known, extra) = match &model.body {
        Body::Struct(fields) => {
            let writes = fields.iter().map(|f| {
                let i = &f.ident;
                field_write(f, quote!(&self.#i))
            });
            let n = fields.len();
            let k = keys_tokens(&keys(fields));
            (
                quote! {
                    use ::cxzy_core::__private::serde::ser::SerializeStruct as _;
                    let mut st = serializer.serialize_struct(#name, #n)?;
                    #(#writes)*
                    st.end()
                },
                k,
                quote!(),
            )
        }
        Body::Strings(variants) => {
            let arms = variants.iter().map(|v| {
                let (k, i) = (&v.key, &v.ident);
                quote!(Self::#i => #k)
            });
            let all = variants.iter().map(|v| {
                let i = &v.ident;
                quote!(Self::#i)
            });
            let names = variants.iter().map(|v| &v.key);
            (
                quote! { serializer.serialize_str(self.as_str()) },
                quote!(&[]),
                quote! {
                    impl #ident {
                        /// Every value, in the order of the definition.
                        pub const ALL: &'static [#ident] = &[#(#all),*];
                        /// The names as written in documents, in the same order.
                        pub const NAMES: &'static [&'static str] = &[#(#names),*];
                        /// The name as written in documents.
                        pub fn as_str(&self) -> &'static str {
                            match self { #(#arms,)* }
                        }
                    }
                },
            )
        }
        Body::Tagged(tag, variants) => {
            let arms = variants.iter().map(|v| {
                let (k, vi) = (&v.key, &v.ident);
                let idents: Vec<&Ident> = v.fields.iter().map(|f| &f.ident).collect();
                let writes = v.fields.iter().map(|f| {
                    let i = &f.ident;
                    field_write(f, quote!(#i))
                });
                let n = v.fields.len() + 1;
                quote! {
                    Self::#vi { #(#idents),* } => {
                        let mut st = serializer.serialize_struct(#name, #n)?;
                        st.serialize_field(#tag, #k)?;
                        #(#writes)*
                        st.end()
                    }
                }
            });
            (
                quote! {
                    use ::cxzy_core::__private::serde::ser::SerializeStruct as _;
                    match self { #(#arms)* }
                },
                quote!(&[]),
                quote!(),
            )
        }
    };
    Ok(quote! {
        impl ::cxzy_core::__private::serde::Serialize for #ident {
            fn serialize<S: ::cxzy_core::__private::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                #body
            }
        }
        impl ::cxzy_core::read::Known for #ident {
            const KNOWN: &'static [(&'static str, u8)] = #known;
        }
        #extra
    })
}

// ---------------------------------------------------------------------------------------------
// Describe

fn props(fields: &[Field]) -> Tokens {
    let mut out = Vec::new();
    for f in fields {
        let inner = f.optional.as_ref().unwrap_or(&f.ty);
        let ty = &f.ty;
        let a = &f.attrs;
        let (key, doc) = (&f.key, &f.doc);
        let shape = if a.amount || a.fixed2 {
            quote!(::cxzy_core::shape::Shape::amount())
        } else if let Some(with) = &a.with {
            quote!(#with::shape())
        } else if a.min.is_some() || a.max.is_some() {
            let min = a.min.clone().map_or(quote!(0i64), |e| quote!((#e) as i64));
            let max = a
                .max
                .clone()
                .map_or(quote!(i64::MAX), |e| quote!((#e) as i64));
            quote!(<#inner as ::cxzy_core::shape::Describe>::shape().range(#min, #max))
        } else if let Some(n) = &a.max_items {
            quote!(<#inner as ::cxzy_core::shape::Describe>::shape().max_items((#n) as usize))
        } else {
            quote!(<#inner as ::cxzy_core::shape::Describe>::shape())
        };
        let required = (f.optional.is_none() && a.default.is_none()) || a.nullable;
        let nullable = a.nullable;
        let default = match &a.default {
            Some(Some(e)) => quote!(::cxzy_core::__private::serde_json::to_value(&(#e)).ok()),
            Some(None) => {
                quote!(::cxzy_core::__private::serde_json::to_value(&<#ty as ::core::default::Default>::default()).ok())
            }
            None => quote!(None),
        };
        let since = a.since;
        let required_until = match a.optional_since {
            Some(n) => {
                let last = n - 1;
                quote!(Some(#last))
            }
            None => quote!(None),
        };
        out.push(quote! {
            ::cxzy_core::shape::Prop {
                name: #key, doc: #doc, shape: #shape, required: #required,
                nullable: #nullable, default: #default, since: #since,
                required_until: #required_until,
            }
        });
        if a.amount {
            let ek = exact_key(key);
            let doc = format!("`{key}` exactly, as n/d in lowest terms; present only where it is not a 2-decimal number.");
            out.push(quote! {
                ::cxzy_core::shape::Prop::exact_sibling(#ek, #doc, #since)
            });
        }
    }
    quote!(vec![#(#out),*])
}

fn describe_impl(model: &Model) -> syn::Result<Tokens> {
    let ident = &model.ident;
    let (name, doc) = (&model.name, &model.doc);
    let def = match &model.body {
        Body::Struct(fields) => {
            let p = props(fields);
            quote!(::cxzy_core::shape::Shape::Object(#p))
        }
        Body::Strings(variants) => {
            let vs = variants.iter().map(|v| {
                let (k, d, n) = (&v.key, &v.doc, v.since);
                quote!((#k, #d, #n))
            });
            quote!(::cxzy_core::shape::Shape::Strings(vec![#(#vs),*]))
        }
        Body::Tagged(tag, variants) => {
            let vs = variants.iter().map(|v| {
                let (k, d) = (&v.key, &v.doc);
                let p = props(&v.fields);
                let since = v.since;
                quote!(::cxzy_core::shape::Variant { name: #k, doc: #d, props: #p, since: #since })
            });
            quote!(::cxzy_core::shape::Shape::Tagged(#tag, vec![#(#vs),*]))
        }
    };
    Ok(quote! {
        impl ::cxzy_core::shape::Describe for #ident {
            fn shape() -> ::cxzy_core::shape::Shape {
                ::cxzy_core::shape::Shape::Named(::cxzy_core::shape::Named {
                    name: #name,
                    doc: #doc,
                    define: || #def,
                })
            }
        }
    })
}
