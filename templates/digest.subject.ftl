<#--
  The subject line: "Your Dispatch for 29 Nov 2026: North Korea, Russia";
  past three topics: "…: A, B, C and 2 more". One line, no line break at the end.
-->
<#setting locale="en_GB">
<#import "lib/common.ftl" as c>
<#if topics?size gt 3>
  <#assign topicText = topics[0..<3]?join(", ") + " and " + (topics?size - 3)?c + " more">
<#else>
  <#assign topicText = topics?join(", ")>
</#if>
<#assign line = "Your " + c.oneLine(site.name) + " for " + c.shortDate(edition.date)>
<#if topicText?has_content>
  <#assign line = line + ": " + topicText>
</#if>
${c.oneLine(line)}<#t>
