<#--
  Helpers of the plain-text digest. Plain text: nothing is escaped.
-->
<#import "common.ftl" as c>

<#assign width = 72>

<#-- The text word-wrapped to the given width, every line starting with indent; no final line break. -->
<#function wrap text indent="" max=width>
  <#local room = max - indent?length>
  <#local lines = []>
  <#local line = "">
  <#list c.oneLine(text)?split(" ") as word>
    <#if !word?has_content>
      <#continue>
    </#if>
    <#if !line?has_content>
      <#local line = word>
    <#elseif line?length + 1 + word?length lte room>
      <#local line = line + " " + word>
    <#else>
      <#local lines = lines + [indent + line]>
      <#local line = word>
    </#if>
  </#list>
  <#if line?has_content>
    <#local lines = lines + [indent + line]>
  </#if>
  <#return lines?join("\n")>
</#function>

<#-- The passage as one string, marked words as *word* (spaces kept outside the stars). -->
<#function passage parts>
  <#local out = "">
  <#list parts![] as part>
    <#local t = part.text>
    <#if part.mark && t?trim?has_content>
      <#local lead = t?keep_before(t?trim)>
      <#local tail = t[(lead?length + t?trim?length)..]>
      <#local out = out + lead + "*" + t?trim + "*" + tail>
    <#else>
      <#local out = out + t>
    </#if>
  </#list>
  <#return c.oneLine(out)>
</#function>

<#-- A line of the given character, as wide as the text. -->
<#function ruler char="-" max=width>
  <#return ""?left_pad(max, char)>
</#function>
