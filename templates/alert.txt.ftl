<#--
  A breaking-news alert, plain-text part (wrapped at 72 columns). Same model as
  alert.html.ftlh: subscriber{name,email,topics[]}, story{headline,url,lead,note},
  topics[] (the story's topics the reader follows), byKeywords, links{unsubscribe,preferences,browser},
  site{name,url}.
-->
<#setting locale="en_GB">
<#import "lib/common.ftl" as c>
<#import "lib/text.ftl" as t>
<#assign href = c.webUrl(story.url!"")>
BREAKING NEWS · ${c.oneLine(site.name)?upper_case}
${t.ruler("=")}

${t.wrap(c.oneLine(story.headline))}
<#if href?has_content>
${href}
</#if>
<#if (story.note!"")?has_content>

${t.wrap("From the editor: " + c.oneLine(story.note))}
</#if>
<#if (story.lead!"")?has_content>

${t.wrap(c.shorten(story.lead, 300))}
</#if>


${t.ruler("-")}
<#if topics?has_content>
${t.wrap("You get this alert because you follow " + c.humanList(topics) + " and accept breaking-news alerts.")}
<#else>
${t.wrap("You get this alert because it matched your own keywords and you accept breaking-news alerts.")}
</#if>

<#if c.webUrl(links.browser!"")?has_content>
View in your browser: ${links.browser}
</#if>Manage preferences (turn alerts off): ${links.preferences}
Unsubscribe: ${links.unsubscribe}

${site.name}<#if c.webUrl(site.url!"")?has_content> · ${c.webUrl(site.url)}</#if>
