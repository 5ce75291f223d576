import { unified } from 'unified'; import remarkParse from 'remark-parse';
const p = unified().use(remarkParse);
const strip = (n) => { const o = { ...n }; if (o.position) o.position = `${o.position.start.offset}-${o.position.end.offset}`; if (o.children) o.children = o.children.map(strip); return o; };
console.log(JSON.stringify(strip(p.parse(process.argv[2].replace(/\\n/g, '\n'))), null, 1));
