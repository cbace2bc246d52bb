<#--
  The daily digest, plain-text part (wrapped at 72 columns; matched words as *word*).
  Same model as digest.html.ftlh. A story shows one excerpt: the passage
  that matched, or the lead (cut to about 200 characters) when there is none.
-->
<#setting locale="en_GB">
<#import "lib/common.ftl" as c>
<#import "lib/text.ftl" as t>
<#assign name = c.oneLine(subscriber.name!"")>
${site.name?upper_case}
${edition.title}
${c.plural(articleCount, "story", "stories")} on ${c.plural(topics?size, "topic", "topics")}
${t.ruler("=")}

Hello<#if name?has_content> ${name}</#if>,

Here is today’s news on the topics you follow.
<#list sections as section>


${c.oneLine(section.topic)?upper_case}
${t.ruler("-")}
  <#list section.items as item>
<#-- A story reads the same in every digest of the edition: rendered once (see <@once>). -->
<@once key=[item, item?is_first]>
    <#assign href = c.webUrl(item.url!"")>
    <#assign lead = c.leadFor(item.lead!"", item.passage![], item.headline)>
    <#if !item?is_first>

${t.ruler("·", 3)}
    </#if>

${t.wrap(item.headline)}
    <#if href?has_content>
${href}
    </#if>
    <#if lead?has_content>

${t.wrap(lead)}
    </#if>
    <#if (item.passage![])?has_content>

Why you got this:
${t.wrap("“" + t.passage(item.passage) + "”", "  ")}
    </#if>
    <#if (item.alsoIn![])?has_content>

${t.wrap("Also in: " + item.alsoIn?join(", "))}
    </#if>
</@once>
  </#list>
<#else>

No new stories matched your topics today.
</#list>


${t.ruler("-")}
<#if subscriber.topics?has_content>
${t.wrap("You are receiving this because you follow: " + subscriber.topics?join(", ") + ".")}

</#if>
<#if c.webUrl(links.browser!"")?has_content>
View in your browser: ${links.browser}
</#if>Manage preferences: ${links.preferences}
Unsubscribe: ${links.unsubscribe}

${site.name}<#if c.webUrl(site.url!"")?has_content> · ${c.webUrl(site.url)}</#if>
