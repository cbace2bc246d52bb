<#--
  Helpers shared by the HTML, text and subject templates of the digest.
  Only functions live here (no output), so it can be imported from .ftl and .ftlh alike:
  the strings they return are plain text and get escaped where the caller prints them.
-->

<#-- The URL trimmed, when it is an absolute http:// or https:// address without spaces; otherwise "". -->
<#function webUrl url="">
  <#local u = (url!"")?trim>
  <#if u?matches("(?i)https?://[^\\s\"'<>]+")>
    <#return u>
  </#if>
  <#return "">
</#function>

<#-- Whitespace collapsed to single spaces and trimmed. -->
<#function oneLine s="">
  <#return (s!"")?replace("\\s+", " ", "r")?trim>
</#function>

<#--
  The text cut to at most max characters (plus "…"), at a word boundary when one is near,
  without a dangling comma or dash before the ellipsis.
-->
<#function shorten s="" max=300>
  <#local t = oneLine(s)>
  <#if t?length lte max>
    <#return t>
  </#if>
  <#local cut = t[0..<max]>
  <#local space = cut?last_index_of(" ")>
  <#if space gt (max * 0.6)>
    <#local cut = cut[0..<space]>
  </#if>
  <#local cut = cut?replace("[\\s,;:.\\-–—(\\[“‘\"']+$", "", "r")>
  <#return cut + "…">
</#function>

<#--
  The lead to show under a headline, cut to at most max characters: only when there is no
  passage that matched, or the passage is the headline itself. Otherwise the passage is
  the story's excerpt: one excerpt a story keeps a ten-story digest short to read.
-->
<#function leadFor lead parts headline max=200>
  <#local p = "">
  <#list parts as part>
    <#local p = p + part.text>
  </#list>
  <#local p = oneLine(p)>
  <#if p?has_content && p != oneLine(headline)>
    <#return "">
  </#if>
  <#return shorten(lead, max)>
</#function>

<#-- "1 story", "3 stories": plural(n, "story", "stories"). -->
<#function plural n one many>
  <#if n == 1>
    <#return "1 " + one>
  </#if>
  <#return n?c + " " + many>
</#function>

<#-- The topic names of the sections, in order. -->
<#function topicNames sections>
  <#local names = []>
  <#list sections as section>
    <#local names = names + [oneLine(section.topic)]>
  </#list>
  <#return names>
</#function>

<#-- "A", "A and B", "A, B and C" -->
<#function humanList names>
  <#if names?size == 0>
    <#return "">
  <#elseif names?size == 1>
    <#return names[0]>
  </#if>
  <#return names[0..<(names?size - 1)]?join(", ") + " and " + names?last>
</#function>

<#-- The edition date ("2026-11-29") as "29 Nov 2026"; the input unchanged if it is not such a date. -->
<#function shortDate iso>
  <#local s = (iso!"")?string?trim>
  <#if s?matches("\\d{4}-\\d{2}-\\d{2}")>
    <#return s?date("yyyy-MM-dd")?string("d MMM yyyy")>
  </#if>
  <#return s>
</#function>
