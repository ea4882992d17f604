// Material's partials/javascripts/base.html (9.8.1), moved to a file so that the site runs under
// a Content-Security-Policy without 'unsafe-inline' (overrides/partials/javascripts/base.html).
// The scope, a template value there, comes from the tag's data-md-scope.
__md_scope=new URL(document.currentScript.dataset.mdScope,location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
