<#--
  Helpers of the plain-text digest. Plain text: nothing is escaped.
-->
<#import "common.ftl" as c>

<#assign width = 72>

<#-- The text word-wrapped to the given width, every line starting with indent; no final line break.
     A word longer than the width gets a line of its own. (One regular expression: a loop over
     the words costs more than the rest of the message.) -->
<#function wrap text indent="" max=width>
  <#local room = (max - indent?length)?c>
  <#local t = c.oneLine(text)>
  <#if !t?has_content>
    <#return "">
  </#if>
  <#return (indent + t?replace("(.{1," + room + "})(?: |$)|(\\S+)(?: |$)", "$1$2\n" + indent, "r"))?remove_ending("\n" + indent)>
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
