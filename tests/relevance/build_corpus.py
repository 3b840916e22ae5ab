#!/usr/bin/env python3
"""Assembles the relevance test collection from public documents nobody on the project wrote.

Sources (fetched as git mirrors; see SOURCES.md beside this file for licences):
  es  datosgobar/paquete-apertura-datos  docs/src/**.md, split into sections at '## '
  pt  servicosgovbr/cartas-de-servico    cartas-servico/v3/servicos/*.xml (service letters)
  en  GSA/digitalgov.gov                 content/{news,resources,guides}/**.md
Writes tests/GobiernoElectronico.Tests/Fixtures/relevance/content/ in the shape of practices.
Run: python3 tests/relevance/build_corpus.py /work/.mirror   (deterministic: same mirrors, same files)
"""
import hashlib, html, os, re, subprocess, sys, unicodedata
import xml.etree.ElementTree as ET

MIRRORS = sys.argv[1] if len(sys.argv) > 1 else '/work/.mirror'
OUT = os.path.join(os.path.dirname(__file__), '..', 'GobiernoElectronico.Tests', 'Fixtures', 'relevance', 'content')

def git(repo, *args):
    return subprocess.run(['git', '-C', os.path.join(MIRRORS, repo, 'repo')] + list(args), capture_output=True, text=True, check=True).stdout

def files(repo, prefix):
    return [f for f in git(repo, 'ls-tree', '-r', '--name-only', 'HEAD', prefix).split('\n') if f]

def show(repo, path):
    return git(repo, 'show', 'HEAD:' + path)

def slugify(text, limit=70):
    t = unicodedata.normalize('NFD', text.lower())
    t = ''.join(c for c in t if unicodedata.category(c) != 'Mn')
    t = re.sub(r'[^a-z0-9]+', '-', t).strip('-')
    return t[:limit].strip('-') or 'doc'

def q(text):
    return '"' + text.replace('\\', '\\\\').replace('"', '\\"').replace('\n', ' ') + '"'

def clean_md(body):
    body = re.sub(r'\{\{[<%].*?[>%]\}\}', '', body, flags=re.S)       # Hugo shortcodes
    body = re.sub(r'<[^>]+>', '', body)                                # raw HTML tags
    body = re.sub(r'!\[[^\]]*\]\([^)]*\)', '', body)                   # images
    body = re.sub(r'\[([^\]]+)\]\([^)]*\)', r'\1', body)               # links → text
    body = re.sub(r'\n{3,}', '\n\n', body)
    return body.strip()

def first_sentence(text, limit=300):
    text = re.sub(r'\s+', ' ', re.sub(r'[#*_>`|]', ' ', text)).strip()
    m = re.match(r'(.{40,%d}?[.!?])(\s|$)' % limit, text)
    return (m.group(1) if m else text[:limit]).strip()

docs = []  # (slug, lang, country, title, summary, body, source_title, publisher, url)

# ---- es: Argentine open-data guides, laws and dataset specifications, one document per section
REPO = 'datosgobar+paquete-apertura-datos'
for path in sorted(files(REPO, 'docs/src')):
    if not path.endswith('.md') or path.endswith('index.md'):
        continue
    text = show(REPO, path)
    text = re.sub(r'^---\n.*?\n---\n', '', text, flags=re.S)
    h1 = re.search(r'^#\s+(.+)$', text, re.M)
    doc_title = (h1.group(1) if h1 else os.path.basename(path)[:-3]).strip().strip('#').strip()
    parts = re.split(r'^##\s+', text, flags=re.M)
    sections = [(doc_title, parts[0])] + [(p.split('\n', 1)[0].strip().strip('#').strip(), p.split('\n', 1)[1] if '\n' in p else '') for p in parts[1:]]
    for i, (heading, body) in enumerate(sections):
        body = clean_md(re.sub(r'^#\s+.+$', '', body, flags=re.M))
        if len(body.split()) < 60:
            continue
        title = doc_title if i == 0 or heading == doc_title else f'{doc_title}: {heading}'
        slug = slugify(os.path.basename(path)[:-3] + ('' if i == 0 else '-' + heading), 80)
        docs.append((slug, 'es', 'AR', title, first_sentence(body), body,
                     doc_title, 'Gobierno de la República Argentina (datos.gob.ar)',
                     'https://github.com/datosgobar/paquete-apertura-datos/blob/master/' + path))

# ---- pt: Brazilian federal service letters (Carta de Serviços), a deterministic sample
REPO = 'servicosgovbr+cartas-de-servico'
NS = {'s': 'http://servicos.gov.br/v3/schema'}
services = sorted(f for f in files(REPO, 'cartas-servico/v3/servicos') if f.endswith('.xml'))
services = sorted(services, key=lambda f: hashlib.sha1(f.encode()).hexdigest())[:130]
for path in sorted(services):
    root = ET.fromstring(show(REPO, path))
    def t(xpath):
        e = root.find(xpath, NS)
        return (e.text or '').strip() if e is not None and e.text else ''
    name = t('s:nome')
    desc = t('s:descricao')
    if not name or len(desc.split()) < 8:
        continue
    lines = [desc, '']
    popular = [e.text.strip() for e in root.findall('s:nomes-populares/s:item', NS) if e.text]
    if popular:
        lines += ['Também conhecido como: ' + '; '.join(popular) + '.', '']
    who = [e.findtext('s:tipo', '', NS).strip() for e in root.findall('s:solicitantes/s:solicitante', NS)]
    if any(who):
        lines += ['## Quem pode utilizar este serviço', '', '; '.join(w for w in who if w) + '.', '']
    steps = root.findall('s:etapas/s:etapa', NS)
    if steps:
        lines += ['## Etapas', '']
        for n, e in enumerate(steps, 1):
            title = (e.findtext('s:titulo', '', NS) or '').strip()
            d = (e.findtext('s:descricao', '', NS) or '').strip()
            lines.append(f'{n}. {title}' + (f': {d}' if d else ''))
        lines.append('')
    orgao = root.findtext('s:orgao/s:nomeOrgao', '', NS).strip()
    areas = [e.text.strip() for e in root.findall('s:areas-de-interesse/s:item', NS) if e.text]
    if orgao:
        lines += ['## Órgão responsável', '', orgao, '']
    if areas:
        lines += ['Áreas de interesse: ' + ', '.join(areas) + '.']
    slug = slugify(os.path.basename(path)[:-4], 80)
    docs.append((slug, 'pt', 'BR', name, first_sentence(desc), clean_md('\n'.join(lines)),
                 'Carta de Serviços: ' + name, 'Governo Federal do Brasil (servicos.gov.br)',
                 'https://github.com/servicosgovbr/cartas-de-servico/blob/master/' + path))

# ---- en: Digital.gov articles on digital government, a deterministic sample
REPO = 'GSA+digitalgov.gov'
cands = []
for path in files(REPO, 'content'):
    if not path.endswith('.md') or not re.match(r'content/(news|resources|guides)/', path) or '_index' in path:
        continue
    cands.append(path)
cands = sorted(cands, key=lambda f: hashlib.sha1(f.encode()).hexdigest())
taken = 0
for path in cands:
    if taken >= 130:
        break
    text = show(REPO, path)
    m = re.match(r'^---\n(.*?)\n---\n(.*)$', text, re.S)
    if not m:
        continue
    fm, body = m.group(1), clean_md(m.group(2))
    words = len(body.split())
    if words < 250 or words > 2500:
        continue
    tm = re.search(r'^title:\s*(.+)$', fm, re.M)
    if not tm:
        continue
    title = html.unescape(tm.group(1).strip().strip('"\'').replace('\\"', '"'))
    sm = re.search(r'^summary:\s*(.+)$', fm, re.M)
    summary = sm.group(1).strip().strip('"\'') if sm else ''
    summary = html.unescape(summary or first_sentence(body))
    slug = slugify(re.sub(r'^\d{4}-\d{2}-\d{2}-', '', os.path.basename(path)[:-3]), 80)
    docs.append((slug, 'en', 'US', title, summary, body, 'Digital.gov: ' + title,
                 'U.S. General Services Administration (Digital.gov)', 'https://github.com/GSA/digitalgov.gov/blob/main/' + path))
    taken += 1

# ---- write
import shutil
if os.path.isdir(OUT):
    shutil.rmtree(OUT)
os.makedirs(os.path.join(OUT, 'practices'))
os.makedirs(os.path.join(OUT, 'countries'))
with open(os.path.join(OUT, 'site.yml'), 'w') as f:
    f.write('title: Relevance collection\nsubtitle: Public documents in the shape of practices, for search tests\n'
            'languages: [es, pt, en]\ndefault_language: es\n'
            'programme: |\n  Documents assembled by tests/relevance/build_corpus.py from public sources (see tests/relevance/SOURCES.md).\n')
for code, names in [('ar', ('Argentina', 'Argentina', 'Argentina')), ('br', ('Brasil', 'Brasil', 'Brazil')), ('us', ('Estados Unidos', 'Estados Unidos', 'United States'))]:
    with open(os.path.join(OUT, 'countries', code + '.md'), 'w') as f:
        pillar = 'level: {lvl}\n    narrative: "Not assessed: a country of the relevance collection."'
        f.write(f'''---
name: {{es: {names[0]}, pt: {names[1]}, en: {names[2]}}}
committee_role: member
assessment_date: 2020-01-01
summary: "A country of the relevance test collection; not an assessment."
pillars:
  infrastructure:
    {pillar.format(lvl='basic')}
  systems:
    {pillar.format(lvl='isolated')}
  services:
    {pillar.format(lvl='emerging')}
illustrative: true
---
''')
seen = set()
for slug, lang, country, title, summary, body, src_title, publisher, url in docs:
    base, n = slug, 2
    while slug in seen:
        slug = f'{base}-{n}'; n += 1
    seen.add(slug)
    with open(os.path.join(OUT, 'practices', slug + '.md'), 'w') as f:
        f.write(f'''---
title: {q(title)}
country: {country}
government_level: national
relation: [G2C]
pillars: [services]
sectors: [local-administration]
year_started: 2016
status: operating
replicability: {{level: medium, conditions: ["A public document kept as a search test"]}}
language: {lang}
summary: {q(summary)}
sources: [{{title: {q(src_title)}, publisher: {q(publisher)}, url: {q(url)}}}]
---
{body}
''')
counts = {}
for d in docs:
    counts[d[1]] = counts.get(d[1], 0) + 1
print(f'{len(docs)} documents: ' + ', '.join(f'{k} {v}' for k, v in sorted(counts.items())))
