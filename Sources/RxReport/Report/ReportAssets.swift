/// The report's inline style sheet and script: no fonts, images or scripts from elsewhere.
enum ReportAssets {
    /// The style sheet.
    static let css = """
    :root{--ink:#1d2733;--muted:#5b6875;--line:#d5dbe1;--accent:#0b5cad;--bg:#f6f8fa}
    *{box-sizing:border-box}
    body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:var(--ink);background:#fff}
    header.top{position:sticky;top:0;z-index:5;background:#fff;border-bottom:1px solid var(--line);padding:.6rem 1.2rem;display:flex;gap:1rem;align-items:center;flex-wrap:wrap}
    header.top h1{font-size:1.15rem;margin:0}
    nav.nation-switch{padding:.5rem 1.2rem;background:#f4f4f4;border-bottom:1px solid var(--line);display:flex;gap:.5rem;align-items:center;flex-wrap:wrap}
    nav.nation-switch button{font:inherit;padding:.2rem .8rem;border:1px solid var(--line);background:#fff;cursor:pointer}
    nav.nation-switch button[aria-pressed="true"]{background:#222;color:#fff}
    nav.toc a{margin-right:.8rem;color:var(--accent);text-decoration:none;font-size:.9rem}
    #org-search{width:min(30rem,90vw);padding:.35rem .5rem;border:1px solid var(--muted);border-radius:4px;font:inherit}
    #search-results{position:absolute;top:100%;right:1.2rem;background:#fff;border:1px solid var(--line);max-height:60vh;overflow:auto;width:32rem;box-shadow:0 4px 14px rgba(0,0,0,.12)}
    #search-results:empty{display:none}
    #search-results a,#search-results div{display:block;padding:.3rem .6rem;border-bottom:1px solid var(--bg);color:var(--ink);text-decoration:none}
    #search-results a:hover,#search-results a:focus{background:var(--bg)}
    main{max-width:1200px;margin:0 auto;padding:0 1.2rem 3rem}
    section{border-bottom:1px solid var(--line);padding:1rem 0}
    h2{font-size:1.35rem}h3{font-size:1.1rem;margin-top:1.6rem}h4{margin:1rem 0 .3rem}
    .note,.muted{color:var(--muted);font-size:.88rem}
    .banner{border:2px solid #d55e00;background:#fff4ec;padding:.5rem .8rem;margin:.8rem 0;border-radius:4px}
    .cards{display:flex;flex-wrap:wrap;gap:.8rem}
    .card{background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:.6rem .9rem;min-width:11rem}
    .card b{display:block;font-size:1.3rem}
    .table-wrap{overflow-x:auto;margin:.6rem 0}
    table{border-collapse:collapse;font-size:.86rem;min-width:40%}
    caption{text-align:left;font-weight:600;padding:.3rem 0}
    th,td{border-bottom:1px solid var(--line);padding:.25rem .5rem;text-align:left;vertical-align:top}
    th{background:var(--bg);cursor:pointer;user-select:none;white-space:nowrap}
    th[aria-sort=ascending]::after{content:" \\25B2"}th[aria-sort=descending]::after{content:" \\25BC"}
    .num{text-align:right;font-variant-numeric:tabular-nums}
    .pager{font-size:.85rem;margin:.2rem 0 .8rem}.pager button{margin:0 .3rem}
    figure.chart{margin:.8rem 0;overflow-x:auto}figure.chart svg{max-width:100%;height:auto}
    .charts{display:flex;flex-wrap:wrap;gap:1rem}.charts figure{flex:1 1 520px}
    .org{border-top:2px solid var(--line);padding-top:.4rem;margin-top:.8rem}
    .org>summary{cursor:pointer}.org>summary>h3,.org>summary>h4{display:inline;margin:0}
    .org:target,.card:target{outline:3px solid #e69f00}
    .flag{display:inline-block;padding:0 .35rem;border-radius:3px;font-size:.8rem;background:#fde0c5}
    .flag.low{background:#cfe6f5}
    #org-card{margin:1rem 0}
    code{font-size:.85rem}
    """

    /// The script: table sorting and paging, and the organisation search over the JSON index.
    static let js = """
    (function(){
    "use strict";
    function cellValue(td){var v=td.getAttribute("data-v");return v===null?td.textContent.trim().toLowerCase():parseFloat(v);}
    function paginate(table){
      var size=parseInt(table.getAttribute("data-page")||"0",10),rows=table.tBodies[0].rows,n=rows.length;
      var pager=table.parentNode.querySelector(".pager");
      if(!size||n<=size){if(pager)pager.remove();for(var i=0;i<n;i++)rows[i].hidden=false;return;}
      var page=parseInt(table.getAttribute("data-current")||"0",10),pages=Math.ceil(n/size);
      if(page>=pages)page=pages-1;
      for(var j=0;j<n;j++)rows[j].hidden=(j<page*size||j>=(page+1)*size);
      if(!pager){pager=document.createElement("div");pager.className="pager";table.parentNode.insertBefore(pager,table.nextSibling);}
      pager.textContent="";
      var prev=document.createElement("button");prev.textContent="\\u2039 previous";prev.disabled=page===0;
      var next=document.createElement("button");next.textContent="next \\u203A";next.disabled=page>=pages-1;
      var label=document.createElement("span");label.textContent="page "+(page+1)+" of "+pages+" ("+n+" rows)";
      prev.onclick=function(){table.setAttribute("data-current",page-1);paginate(table);};
      next.onclick=function(){table.setAttribute("data-current",page+1);paginate(table);};
      pager.appendChild(prev);pager.appendChild(label);pager.appendChild(next);
    }
    function sortBy(table,col,th){
      var dir=th.getAttribute("aria-sort")==="ascending"?-1:1;
      Array.prototype.forEach.call(table.tHead.rows[0].cells,function(c){c.removeAttribute("aria-sort");});
      th.setAttribute("aria-sort",dir===1?"ascending":"descending");
      var body=table.tBodies[0],rows=Array.prototype.slice.call(body.rows);
      rows.sort(function(a,b){var x=cellValue(a.cells[col]),y=cellValue(b.cells[col]);return (x<y?-1:x>y?1:0)*dir;});
      rows.forEach(function(r){body.appendChild(r);});
      table.setAttribute("data-current","0");paginate(table);
    }
    // One nation's view: its tables, its search box and its organisation index. Run on load and
    // each time the nation switch brings another view in.
    function setup(){
    document.querySelectorAll("#report-view table.sortable").forEach(function(table){
      Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,col){
        th.tabIndex=0;th.onclick=function(){sortBy(table,col,th);};
        th.onkeydown=function(e){if(e.key==="Enter")sortBy(table,col,th);};
      });
      paginate(table);
    });
    var index=JSON.parse(document.getElementById("org-index").textContent);
    var box=document.getElementById("org-search"),out=document.getElementById("search-results"),card=document.getElementById("org-card");
    function showCard(e){
      card.textContent="";
      var h=document.createElement("h3");h.textContent=e.n+" ("+e.c+") \\u2014 "+e.l;card.appendChild(h);
      if(e.p){var p=document.createElement("p");p.className="muted";p.textContent="In "+e.p;card.appendChild(p);}
      var ul=document.createElement("ul");
      (e.f.length?e.f:["No outlier flags, biosimilar savings or chemical outliers in the period."]).forEach(function(f){var li=document.createElement("li");li.textContent=f;ul.appendChild(li);});
      card.appendChild(ul);card.scrollIntoView();
    }
    function search(){
      var q=box.value.trim().toLowerCase();out.textContent="";
      if(q.length<2)return;
      var hits=0;
      for(var i=0;i<index.length&&hits<30;i++){
        var e=index[i];
        if(e.c.toLowerCase().indexOf(q)<0&&e.n.toLowerCase().indexOf(q)<0)continue;
        hits++;
        var a=document.createElement("a");a.href=e.a?"#"+e.a:"#org-card";
        a.textContent=e.n+" ("+e.c+", "+e.l+")"+(e.f.length?" \\u2014 "+e.f.length+" finding"+(e.f.length>1?"s":""):"");
        (function(e){a.onclick=function(){out.textContent="";if(!e.a)showCard(e);};})(e);
        out.appendChild(a);
      }
      if(!hits){var d=document.createElement("div");d.textContent="No organisation matches.";out.appendChild(d);}
    }
    box.oninput=search;
    if(location.hash.indexOf("#search=")===0){box.value=decodeURIComponent(location.hash.slice(8));search();}
    box.onkeydown=function(e){if(e.key==="Escape"){box.value="";out.textContent="";}};
    }
    // The nation switch: the shown view goes back into its template and the chosen one comes out.
    function showNation(code){
      var view=document.getElementById("report-view"),current=view.getAttribute("data-nation");
      if(current===code)return true;
      var next=document.querySelector('template[data-nation="'+code+'"]'),keep=document.querySelector('template[data-nation="'+current+'"]');
      if(!next||!keep)return false;
      while(view.firstChild)keep.content.appendChild(view.firstChild);
      view.appendChild(next.content);
      view.setAttribute("data-nation",code);
      document.querySelectorAll(".nation-switch button").forEach(function(b){b.setAttribute("aria-pressed",String(b.getAttribute("data-nation")===code));});
      setup();return true;
    }
    document.querySelectorAll(".nation-switch button").forEach(function(b){
      b.onclick=function(){location.hash="nation="+b.getAttribute("data-nation");};
    });
    // An entry is closed until opened; following a link to it (or to anything inside it) opens it.
    // #nation=CODE shows that nation's view, so a link can share it.
    function openTarget(){
      var id=location.hash.slice(1);if(!id||id.indexOf("search=")===0)return;
      if(id.indexOf("nation=")===0){showNation(decodeURIComponent(id.slice(7)));return;}
      var t=document.getElementById(id);
      for(var n=t;n;n=n.parentElement){if(n.tagName==="DETAILS")n.open=true;}
      if(t)t.scrollIntoView();
    }
    setup();
    window.addEventListener("hashchange",openTarget);openTarget();
    })();
    """
}
